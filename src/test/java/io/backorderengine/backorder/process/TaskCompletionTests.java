package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebappSession;
import io.backorderengine.system.InvalidTaskCompletion;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An agent completes a task with the fields of its form, within the form's and the case's limits, and
 * nothing else. The completions that got through (another customer's case id, a 100 % discount, a
 * hand-picked list of alternatives, a wait limit in the past) are replayed through Tasklist's API,
 * {@code /engine-rest} and Java: each is refused with 400 and changes nothing.
 */
class TaskCompletionTests extends ApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void anAgentCannotPointAReviewAtAnotherCustomersCase() {
        Task review = reviewTask();
        String victim = caseWithNoticeSent("VIC");
        State before = state(review, victim);

        WebappSession.Response response = tasklistAs(TestUsers.AGENT)
                .post(submitForm(review), variables("discountPercent", 10, "caseId", victim));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("caseId is shown to read, not to change");
        assertThat(state(review, victim)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "discount above the form's maximum",
                "alternatives of the agent's choosing",
                "a wait limit in the past",
                "a negative discount",
                "a discount as text",
                "no discount at all"
            })
    void anAgentCannotCompleteAReviewWithWhatTheFormDoesNotAllow(String attack) {
        Task review = reviewTask();
        State before = state(review, null);
        String body = switch (attack) {
            case "discount above the form's maximum" -> variables("discountPercent", 100);
            case "alternatives of the agent's choosing" ->
                variables("discountPercent", 5, "alternativeSkus", catalog.product(50) + "," + caseSku(review));
            case "a wait limit in the past" ->
                "{\"variables\":{\"discountPercent\":{\"value\":5},"
                        + "\"maxWaitUntil\":{\"value\":\"2020-01-01T00:00:00.000+0000\",\"type\":\"Date\"}}}";
            case "a negative discount" -> variables("discountPercent", -5);
            case "a discount as text" -> "{\"variables\":{\"discountPercent\":{\"value\":\"5\",\"type\":\"String\"}}}";
            default -> "{\"variables\":{}}";
        };

        WebappSession.Response response = tasklistAs(TestUsers.AGENT).post(submitForm(review), body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(state(review, null)).isEqualTo(before);
    }

    @Test
    void theSameRefusalHoldsThroughEngineRestAndJava() {
        Task review = reviewTask();
        State before = state(review, null);

        Api.Response rest = api.as(TestUsers.ADMIN)
                .post(
                        "/engine-rest/task/" + review.getId() + "/complete",
                        variables("discountPercent", 77, "maxWaitUntil", 0));
        processEngine.getIdentityService().setAuthentication(TestUsers.SUPERVISOR, List.of("supervisors"));
        try {
            assertThatThrownBy(() ->
                            processEngine.getTaskService().complete(review.getId(), Map.of("discountPercent", 77)))
                    .isInstanceOf(InvalidTaskCompletion.class)
                    .hasMessageContaining("discountPercent must be at most 50");
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }

        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.contentType()).startsWith("application/problem+json");
        assertThat(rest.body().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("discountPercent", "maxWaitUntil");
        assertThat(state(review, null)).isEqualTo(before);
    }

    @Test
    void anAgentCannotWriteCaseVariablesDirectly() {
        Task review = reviewTask();
        State before = state(review, null);
        WebappSession tasklist = tasklistAs(TestUsers.AGENT);

        WebappSession.Response taskVariables = tasklist.post(
                "/camunda/api/engine/engine/default/task/" + review.getId() + "/variables",
                "{\"modifications\":{\"discountPercent\":{\"value\":90}}}");
        WebappSession.Response instanceVariables = tasklist.post(
                "/camunda/api/engine/engine/default/process-instance/" + review.getProcessInstanceId() + "/variables",
                "{\"modifications\":{\"caseId\":{\"value\":\"X\"}}}");

        assertThat(taskVariables.status()).isEqualTo(403);
        assertThat(instanceVariables.status()).isEqualTo(403);
        assertThat(state(review, null)).isEqualTo(before);
    }

    @Test
    void theFormsOwnValuesCompleteTheReview() {
        Task review = reviewTask();
        String caseId = caseOf(review);

        WebappSession.Response response =
                tasklistAs(TestUsers.AGENT).post(submitForm(review), variables("discountPercent", 12));

        assertThat(response.status()).isEqualTo(204);
        await().until(() -> api.backorder(caseId).path("offers").size() == 1);
        JsonNode offer = api.backorder(caseId).path("offers").get(0);
        assertThat(offer.path("discountPercent").asInt()).isEqualTo(12);
        assertThat(offer.path("reviewedBy").asText()).isEqualTo(TestUsers.AGENT);
    }

    @Test
    void aCalledCustomerCanOnlyTakeAnAlternativeTheCaseOffers() {
        String item = catalog.product("Lamp", "20.00", 0, 10);
        String offered = catalog.product("Lamp XL", "22.00", 10, 10);
        String unrelated = catalog.product("Anvil", "20.00", 10, 10);
        catalog.substitute(item, offered);
        Task call = contactTask(item);
        String caseId = caseOf(call);
        State before = state(call, null);
        WebappSession tasklist = tasklistAs(TestUsers.AGENT);

        WebappSession.Response itself =
                tasklist.post(submitForm(call), variables("customerDecision", "alternative", "alternativeSku", item));
        WebappSession.Response other = tasklist.post(
                submitForm(call), variables("customerDecision", "alternative", "alternativeSku", unrelated));

        assertThat(itself.status()).isEqualTo(400);
        assertThat(itself.body()).contains("alternativeSku is not one of the alternatives offered");
        assertThat(other.status()).isEqualTo(400);
        assertThat(state(call, null)).isEqualTo(before);
        assertThat(catalog.onHand(unrelated)).isEqualTo(10);

        WebappSession.Response taken = tasklist.post(
                submitForm(call), variables("customerDecision", "alternative", "alternativeSku", offered));

        assertThat(taken.status()).isEqualTo(204);
        await().until(() -> api.status(caseId).equals("ALTERNATIVE_ACCEPTED"));
        assertThat(api.backorder(caseId)
                        .path("decisions")
                        .get(0)
                        .path("decidedBy")
                        .asText())
                .isEqualTo(TestUsers.AGENT);
    }

    // -- helpers ---------------------------------------------------------------------------------------

    /** What a refused completion must leave alone: the task, the process's variables, both cases. */
    record State(
            boolean taskOpen, Map<String, Object> variables, String caseView, String otherCaseView, int otherEmails) {}

    private State state(Task task, String otherCase) {
        boolean open = processEngine
                        .getTaskService()
                        .createTaskQuery()
                        .taskId(task.getId())
                        .count()
                == 1;
        Map<String, Object> variables =
                new HashMap<>(processEngine.getRuntimeService().getVariables(task.getProcessInstanceId()));
        String view = api.backorder(caseOf(task)).toString();
        String other = otherCase == null ? null : api.backorder(otherCase).toString();
        int emails =
                otherCase == null ? 0 : api.backorder(otherCase).path("emails").size();
        return new State(open, variables, view, other, emails);
    }

    private String caseOf(Task task) {
        return processEngine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId())
                .singleResult()
                .getBusinessKey();
    }

    private String caseSku(Task task) {
        return (String) processEngine.getTaskService().getVariable(task.getId(), "sku");
    }

    private WebappSession tasklistAs(String user) {
        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("tasklist", user, TestUsers.password(user))).isEqualTo(200);
        return tasklist;
    }

    private static String submitForm(Task task) {
        return "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form";
    }

    /** A submit-form body: name, value pairs. */
    private static String variables(Object... namesAndValues) {
        StringBuilder json = new StringBuilder("{\"variables\":{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            json.append(i == 0 ? "" : ",")
                    .append('"')
                    .append(namesAndValues[i])
                    .append("\":{\"value\":")
                    .append(value instanceof String text ? "\"" + text + "\"" : value)
                    .append('}');
        }
        return json.append("}}").toString();
    }

    /** A GOLD customer's case with a long wait: the offer policy asks an agent to review it. */
    private Task reviewTask() {
        String orderId = Catalog.unique("REV");
        api.placeOrder(orderId, "GOLD", new Api.Line("1", catalog.product("Tent", "20.00", 0, 20), 1));
        await().until(() -> task(orderId + "-1", "UserTask_ReviewOffer") != null);
        // the customer's first notice goes out beside the review: let it settle before comparing states
        await().until(() -> api.backorder(orderId + "-1")
                .path("emails")
                .findValuesAsText("state")
                .contains("SENT"));
        return task(orderId + "-1", "UserTask_ReviewOffer");
    }

    /** A customer without email: an agent is asked to call. */
    private Task contactTask(String sku) {
        String orderId = Catalog.unique("CALL");
        Map<String, Object> order =
                new HashMap<>(Api.order(orderId, "STANDARD", null, "Phone Customer", new Api.Line("1", sku, 1)));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = new HashMap<>((Map<String, Object>) order.get("customer"));
        customer.put("phone", "+49 30 1234567");
        order.put("customer", customer);
        assertThat(api.post("/api/orders", order).status()).isEqualTo(201);
        await().until(() -> task(orderId + "-1", "UserTask_ContactCustomer") != null);
        return task(orderId + "-1", "UserTask_ContactCustomer");
    }

    private Task task(String caseId, String definitionKey) {
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(caseId)
                .taskDefinitionKey(definitionKey)
                .singleResult();
    }
}
