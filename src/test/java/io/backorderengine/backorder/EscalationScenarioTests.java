package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A case waits past its limit, a supervisor gets the escalation and cancels it, the customer is
 * told: over HTTP as the shop and Tasklist do it, with only the timer driven by hand.
 */
class EscalationScenarioTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCaseWaitingPastItsLimitIsEscalatedAndCancelledByTheSupervisor() {
        String sku = catalog.product("Canoe paddle", "45.00", 0, 10);
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        String email = "customer-" + orderId + "@example.com";
        api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 1));
        Mailbox.awaitSubject(SMTP, email, "is on backorder");

        // the limit is weeks away; let it pass now
        // (the notice may reach the mail server before the case reaches its wait: the timer is awaited)
        fireTimer(caseId, "Event_MaxWaitReached");

        JsonNode tasks = api.as(TestUsers.ADMIN)
                .get("/engine-rest/task?processInstanceBusinessKey=" + caseId
                        + "&candidateGroup=supervisors&maxResults=10")
                .body();
        assertThat(tasks).hasSize(1);
        JsonNode escalation = tasks.get(0);
        assertThat(escalation.path("name").asText()).startsWith("Resolve escalation · " + caseId + " · ");
        assertThat(escalation.path("due").asText()).isNotBlank();
        assertThat(escalation.path("followUp").asText()).isNotBlank();
        assertThat(api.backorder(caseId).path("tasks").get(0).path("dueAt").isNull())
                .isFalse();

        Api.Response hostile = api.as(TestUsers.ADMIN)
                .post(
                        "/engine-rest/task/" + escalation.path("id").asText() + "/submit-form",
                        Map.of(
                                "variables",
                                Map.of(
                                        "supervisorDecision",
                                        Map.of("value", "cancel"),
                                        "cancelReason",
                                        Map.of("value", "no"),
                                        "rootCause",
                                        Map.of("value", "GREMLINS"))));
        assertThat(hostile.status()).as("a cause the form does not offer").isEqualTo(400);
        assertThat(hostile.body().toString()).contains("rootCause");

        Api.Response submitted = api.as(TestUsers.ADMIN)
                .post(
                        "/engine-rest/task/" + escalation.path("id").asText() + "/submit-form",
                        Map.of(
                                "variables",
                                Map.of(
                                        "supervisorDecision",
                                        Map.of("value", "cancel"),
                                        "cancelReason",
                                        Map.of("value", "the supplier stopped making it"),
                                        "rootCause",
                                        Map.of("value", "OTHER"))));

        assertThat(submitted.status()).isEqualTo(204);
        await().until(() -> api.status(caseId).equals("CANCELLED"));
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("closeReason").asText()).isEqualTo("the supplier stopped making it");
        assertThat(view.path("decisions").get(0).path("decision").asText()).isEqualTo("cancel");
        assertThat(view.path("rootCause").asText())
                .as("the supervisor's word, not the derived 'nothing on order'")
                .isEqualTo("OTHER");
        assertThat(view.path("tasks").get(0).path("outcome").asText()).isEqualTo("cancel");
        assertThat(view.path("timeline").findValuesAsText("kind")).contains("ESCALATED", "RELEASED", "CLOSED");
        MimeMessage cancelled = Mailbox.awaitSubject(SMTP, email, "cancelled");
        assertThat(Mailbox.text(cancelled)).contains("Reason: the supplier stopped making it", "refunded");
        assertThat(catalog.count(
                        "select count(*) from backorder_demand where case_id = ? and status = 'WITHDRAWN'", caseId))
                .isEqualTo(1);
        // what the order system hears: the escalation, then the cancellation with the supervisor's reason
        assertThat(jdbc.sql("select type from case_outcome where case_id = ? order by outcome_id")
                        .param(caseId)
                        .query(String.class)
                        .list())
                .containsSubsequence("ESCALATED", "CANCELLED");
        assertThat(jdbc.sql("select data from case_outcome where case_id = ? and type = 'CANCELLED'")
                        .param(caseId)
                        .query(String.class)
                        .single())
                // 45.00 less the 5 % granted for a ten-day wait
                .contains("the supplier stopped making it", "\"refundAmount\":42.75");
    }
}
