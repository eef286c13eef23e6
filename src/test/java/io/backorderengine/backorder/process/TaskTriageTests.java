package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an agent with sixty open tasks needs to pick the right one: a name that says what and for whom,
 * the facts, due and follow-up dates, a priority from tier and age, one call task per customer, and
 * filters per kind of work.
 */
class TaskTriageTests extends ApplicationTest {

    @Autowired
    Clock clock;

    @Test
    void aReviewTaskSaysWhatAndForWhomAndWhenItIsDue() {
        // GOLD, three weeks' wait: reviewed
        String sku = catalog.product("Expedition tent", "400.00", 0, 21);
        String orderId = Catalog.unique("TRIAGE");
        String caseId = orderId + "-1";
        Instant placed = clock.instant();
        api.placeOrder(orderId, "GOLD", new Api.Line("1", sku, 2));

        Task review = await().until(() -> task(caseId, "UserTask_ReviewOffer"), t -> t != null);

        assertThat(review.getName())
                .isEqualTo("Review offer · " + caseId + " · Customer " + orderId + " · GOLD · 3 wks");
        assertThat(review.getDescription())
                .contains("Order " + orderId + ": 2 x " + sku + " short, expected "
                        + catalog.today().plusDays(21) + " (21 days after the order).")
                .contains("Customer: Customer " + orderId + ", GOLD; email customer-" + orderId + "@example.com");
        // due from policy (8 h), follow-up halfway; GOLD raises the model's priority (60) by 20
        assertThat(review.getDueDate().toInstant())
                .isCloseTo(placed.plus(Duration.ofHours(8)), within(1, ChronoUnit.MINUTES));
        assertThat(review.getFollowUpDate().toInstant())
                .isCloseTo(placed.plus(Duration.ofHours(4)), within(1, ChronoUnit.MINUTES));
        assertThat(review.getPriority()).isEqualTo(80);
        // the case records the task by its kind
        assertThat(api.backorder(caseId).path("tasks").get(0).path("name").asText())
                .isEqualTo("Review offer");
        assertThat(api.backorder(caseId).path("tasks").get(0).path("dueAt").isNull())
                .isFalse();
    }

    @Test
    void aCustomerAskedForAgainHasOneCallTaskThatComesDueAgain() {
        String caseId = customerWithoutEmail();
        Task first = await().until(() -> task(caseId, "UserTask_ContactCustomer"), t -> t != null);
        assertThat(first.getName()).startsWith("Contact customer · " + caseId + " · Phone Customer · STANDARD");
        assertThat(first.getDescription())
                .contains("phone +49 30 1234567", "Why call: the customer has no email address");
        // the agent has not called yet; the due date passes
        Date overdue = Date.from(clock.instant().minus(Duration.ofHours(2)));
        first.setDueDate(overdue);
        processEngine.getTaskService().saveTask(first);

        // two more reminders, each undeliverable: each would have asked for another call
        fireTimer(caseId, "StartEvent_ReminderDue");
        await().until(() ->
                task(caseId, "UserTask_ContactCustomer").getDescription().contains("Asked again"));
        fireTimer(caseId, "StartEvent_ReminderDue");
        await().until(() ->
                task(caseId, "UserTask_ContactCustomer").getDescription().split("Asked again", -1).length >= 3);

        List<Task> calls = openTasks(caseId, "UserTask_ContactCustomer");
        assertThat(calls).as("one call task").hasSize(1);
        assertThat(calls.get(0).getId()).isEqualTo(first.getId());
        assertThat(calls.get(0).getDueDate()).isAfter(overdue);
        assertThat(calls.get(0).getDueDate().toInstant())
                .isCloseTo(clock.instant().plus(Duration.ofDays(1)), within(1, ChronoUnit.MINUTES));
    }

    @Test
    void eachKindOfWorkHasItsFilterAndAnAgentSeesTheirClaimedAndOverdueTasks() {
        String sku = catalog.product("Expedition stove", "300.00", 0, 21);
        String orderId = Catalog.unique("FILTER");
        api.placeOrder(orderId, "GOLD", new Api.Line("1", sku, 1));
        Task review = await().until(() -> task(orderId + "-1", "UserTask_ReviewOffer"), t -> t != null);
        String call = customerWithoutEmail();
        Task contact = await().until(() -> task(call, "UserTask_ContactCustomer"), t -> t != null);
        // "now" in a filter is the engine's time, the machine's, while the task policy dated both tasks from the
        // tests' application clock (noon): in the evening they would already be past due. Due in an hour, then.
        for (Task notYetDue : List.of(review, contact)) {
            notYetDue.setDueDate(Date.from(Instant.now().plus(Duration.ofHours(1))));
            processEngine.getTaskService().saveTask(notYetDue);
        }

        assertThat(ids(asAgent("Offer reviews"))).contains(review.getId()).doesNotContain(contact.getId());
        assertThat(ids(asAgent("Customer calls"))).contains(contact.getId()).doesNotContain(review.getId());
        assertThat(ids(asAgent("My tasks"))).doesNotContain(review.getId());
        assertThat(ids(asAgent("Overdue"))).doesNotContain(review.getId());

        processEngine.getTaskService().claim(review.getId(), TestUsers.AGENT);
        Task claimed = task(orderId + "-1", "UserTask_ReviewOffer");
        claimed.setDueDate(Date.from(Instant.now().minus(Duration.ofMinutes(5))));
        processEngine.getTaskService().saveTask(claimed);

        assertThat(ids(asAgent("My tasks"))).contains(review.getId());
        assertThat(ids(asAgent("Overdue"))).contains(review.getId()).doesNotContain(contact.getId());
        List<Filter> seen =
                processEngine.getFilterService().createTaskFilterQuery().list();
        assertThat(seen)
                .extracting(Filter::getName)
                .contains("My tasks", "Offer reviews", "Customer calls", "Escalations", "Overdue")
                .doesNotContain("Agents: backorder tasks");
    }

    private List<Task> asAgent(String filterName) {
        var identity = processEngine.getIdentityService();
        identity.setAuthentication(TestUsers.AGENT, List.of("agents"));
        try {
            Filter filter = processEngine
                    .getFilterService()
                    .createTaskFilterQuery()
                    .filterName(filterName)
                    .singleResult();
            return processEngine.getFilterService().listPage(filter.getId(), 0, 500);
        } finally {
            identity.clearAuthentication();
        }
    }

    private static List<String> ids(List<Task> tasks) {
        return tasks.stream().map(Task::getId).toList();
    }

    private String customerWithoutEmail() {
        String orderId = Catalog.unique("CALL");
        Map<String, Object> order = Api.phoneOnlyOrder(
                orderId, "Phone Customer", "+49 30 1234567", new Api.Line("1", catalog.product(0), 1));
        assertThat(api.post("/api/orders", order).status()).isEqualTo(201);
        return orderId + "-1";
    }

    private Task task(String caseId, String key) {
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(caseId)
                .taskDefinitionKey(key)
                .singleResult();
    }
}
