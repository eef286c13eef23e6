package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.util.List;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The customer hears of the shortage, with a date, as soon as it is known, also when an agent must
 * review the offer first: the offer follows in its own email, or rides in the notice when the review was
 * done before the notice went out.
 */
class FirstNoticeTests extends ApplicationTest {

    @Test
    void aCaseWhoseOfferIsReviewedTellsTheCustomerAtOnceAndTheOfferFollows() {
        // GOLD and a wait of three weeks: the policy asks an agent to review the offer
        String sku = catalog.product("Expedition tent", "400.00", 0, 21);
        String orderId = Catalog.unique("FIRST");
        String email = "customer-" + orderId + "@example.com";
        long placed = System.nanoTime();
        assertThat(api.placeOrder(orderId, "GOLD", new Api.Line("1", sku, 1)).status())
                .isEqualTo(201);

        MimeMessage notice = Mailbox.awaitCount(SMTP, email, 1).get(0);
        Duration toFirstEmail = Duration.ofNanos(System.nanoTime() - placed);

        assertThat(toFirstEmail)
                .as("order to the first email at the SMTP server")
                .isLessThan(Duration.ofMinutes(1));
        Task review = reviewOf(orderId + "-1");
        assertThat(review).as("the review is still open").isNotNull();
        assertThat(Mailbox.subject(notice)).contains("is on backorder");
        assertThat(Mailbox.text(notice))
                .contains("Expected date for the rest: ")
                .contains("We are looking at what we can offer you for the wait")
                .doesNotContain("discount");
        assertThat(Mailbox.html(notice)).contains("We are looking at what we can offer you for the wait");

        complete(review, withVariables("discountPercent", 12));

        MimeMessage offer = Mailbox.awaitSubject(SMTP, email, "our offer for the wait");
        assertThat(Mailbox.text(offer)).contains("12% discount").contains("Keep waiting: ");
        awaitWaiting(orderId + "-1");
        assertThat(Mailbox.to(SMTP, email)).hasSize(2);
        System.out.printf("first notice: order to email at SMTP %d ms%n", toFirstEmail.toMillis());
    }

    @Test
    void anOfferReviewedBeforeTheNoticeWentOutIsInTheNoticeAndNotSentTwice() {
        ManagementService management = processEngine.getManagementService();
        // the job executor is busy elsewhere (a flash sale): the notice waits while the agent is quick
        List<JobDefinition> notices = management
                .createJobDefinitionQuery()
                .processDefinitionKey("backorder")
                .activityIdIn("Task_SendFirstNotice")
                .list();
        notices.forEach(definition -> management.suspendJobDefinitionById(definition.getId(), true));
        String orderId = Catalog.unique("FOLD");
        String caseId = orderId + "-1";
        String email = "customer-" + orderId + "@example.com";
        try {
            String sku = catalog.product("Expedition stove", "300.00", 0, 21);
            assertThat(api.placeOrder(orderId, "GOLD", new Api.Line("1", sku, 1))
                            .status())
                    .isEqualTo(201);
            Task review = await().until(() -> reviewOf(caseId), task -> task != null);

            complete(review, withVariables("discountPercent", 9));

            await().until(() -> api.backorder(caseId)
                    .path("timeline")
                    .toString()
                    .contains("offer: the backorder notice carries it"));
        } finally {
            notices.forEach(definition -> management.activateJobDefinitionById(definition.getId(), true));
        }

        MimeMessage notice = Mailbox.awaitCount(SMTP, email, 1).get(0);
        assertThat(Mailbox.subject(notice)).contains("is on backorder");
        assertThat(Mailbox.text(notice))
                .contains("9% discount")
                .doesNotContain("We are looking at what we can offer you");
        awaitWaiting(caseId);
        assertThat(Mailbox.to(SMTP, email))
                .as("one email: the notice with the offer")
                .hasSize(1);
    }

    @Test
    void aLineUnderReviewAndOneWithoutShareOneNotice() {
        // GOLD: a three-week wait is reviewed, a five-day wait is not
        String reviewed = catalog.product("Expedition tent", "400.00", 0, 21);
        String plain = catalog.product("Tent pegs", "5.00", 0, 5);
        String orderId = Catalog.unique("BOTH");
        String email = "customer-" + orderId + "@example.com";
        assertThat(api.placeOrder(orderId, "GOLD", new Api.Line("1", reviewed, 1), new Api.Line("2", plain, 4))
                        .status())
                .isEqualTo(201);

        awaitWaiting(orderId + "-2");
        MimeMessage notice = Mailbox.awaitCount(SMTP, email, 1).get(0);

        assertThat(Mailbox.text(notice))
                .contains("Expedition tent", "Tent pegs")
                .contains("We are looking at what we can offer you for the wait")
                .contains("10% discount");
        assertThat(reviewOf(orderId + "-1")).isNotNull();
        await().until(() -> api.backorder(orderId + "-1").path("emails").size() == 1);
        assertThat(Mailbox.to(SMTP, email)).as("one notice for both lines").hasSize(1);
    }

    private Task reviewOf(String caseId) {
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(caseId)
                .taskDefinitionKey("UserTask_ReviewOffer")
                .singleResult();
    }
}
