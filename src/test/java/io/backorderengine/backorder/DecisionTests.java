package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;

/** A shop's account page passes on what the customer decided: {@code POST /api/backorders/{id}/decision}. */
class DecisionTests extends ApplicationTest {

    @Test
    void anAlternativeThatIsNoLongerInStockIsRefusedAndTheCaseKeepsWaiting() {
        String sku = catalog.product("Trail tent", "100.00", 0, 5);
        String substitute = catalog.product("Trail tent XL", "120.00", 2, 5);
        catalog.substitute(sku, substitute);
        String caseId = waitingCase(sku, 2);
        assertThat(api.backorder(caseId)
                        .path("offers")
                        .get(0)
                        .path("alternatives")
                        .findValuesAsText("sku"))
                .containsExactly(substitute);
        // someone else buys the alternative's last units
        api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", substitute, 2));

        Api.Response refused = api.decide(caseId, "alternative", substitute);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("type").asText()).endsWith("alternative-unavailable");
        assertThat(refused.body().path("detail").asText()).contains(substitute, "no longer in stock", "keeps waiting");
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("decisions")).isEmpty();
        assertThat(catalog.heldFor(caseId, "ALTERNATIVE")).isZero();
        assertThat(catalog.count(
                        "select count(*) from backorder_demand where case_id = ? and status = 'WAITING'", caseId))
                .isEqualTo(1);
        assertThat(processEngine
                        .getRuntimeService()
                        .createExecutionQuery()
                        .processInstanceBusinessKey(caseId)
                        .activityId("Event_MaxWaitReached")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anAlternativeThatWasNotOfferedIsRefusedNamingTheField() {
        String caseId = waitingCase(catalog.product(0), 1);
        String unrelated = catalog.product(10);

        Api.Response refused = api.decide(caseId, "alternative", unrelated);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("alternativeSku");
        assertThat(catalog.onHand(unrelated)).isEqualTo(10);
    }

    @Test
    void aCustomerWhoWaitsCanStillCancelLaterButOnlyOnce() {
        String caseId = waitingCase(catalog.product(0), 1);

        assertThat(api.decide(caseId, "wait", null).status()).isEqualTo(202);
        Api.Response cancel = api.decide(caseId, "cancel", null);
        Api.Response again = api.decide(caseId, "cancel", null);

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.headers().getLocation()).hasToString("/api/backorders/" + caseId);
        assertThat(again.status()).isEqualTo(409);
        await().until(() -> api.status(caseId).equals("CANCELLED"));
        assertThat(api.backorder(caseId).path("decisions").findValuesAsText("decision"))
                .containsExactly("wait", "cancel");
        // recorded as the order system's, which passed on the customer's choice
        assertThat(api.backorder(caseId).path("decisions").findValuesAsText("decidedBy"))
                .containsOnly(TestUsers.SHOP);
        assertThat(api.backorder(caseId).path("decisions").findValuesAsText("channel"))
                .containsOnly("API");
    }

    @Test
    void aReasonWithControlCharactersIsRefusedAndNothingIsRecorded() {
        String caseId = waitingCase(catalog.product(0), 1);

        Api.Response refused = api.post(
                "/api/backorders/" + caseId + "/decision",
                Map.of("decision", "cancel", "reason", "too late\u0000\u202E"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("reason");
        assertThat(api.backorder(caseId).path("decisions").size()).isZero();
        assertThat(api.status(caseId)).isEqualTo("OPEN");
    }

    @Test
    void aCancellationAfterTheStockWasAllocatedIsRefusedAndTheLineShips() {
        String sku = catalog.product(0);
        String caseId = waitingCase(sku, 2);
        processEngine.getRuntimeService().suspendProcessInstanceById(instanceId(caseId));
        try {
            // the stock is allocated, but the case has not heard of it yet
            api.receive(Catalog.unique("RCPT"), sku, 2);

            Api.Response refused = api.decide(caseId, "cancel", null);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.body().path("type").asText()).endsWith("already-allocated");
        } finally {
            processEngine.getRuntimeService().activateProcessInstanceById(instanceId(caseId));
        }
        await().until(() -> api.status(caseId).equals("FULFILLED"));
    }

    @Test
    void aDecisionForAnUnknownCaseIsNotFound() {
        Api.Response missing = api.decide("NO-SUCH-1", "wait", null);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("detail").asText()).contains("NO-SUCH-1");
    }
}
