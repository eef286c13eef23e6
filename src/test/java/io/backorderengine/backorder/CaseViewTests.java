package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/** {@code GET /api/backorders/{id}}: everything that happened to a case, as the shop and agents see it. */
class CaseViewTests extends ApplicationTest {

    @Test
    void theCaseViewShowsStatusPromisesOffersDecisionsEmailsAndTasks() {
        String sku = catalog.product("Down jacket", "180.00", 0, 20);
        String substitute = catalog.product("Synthetic jacket", "120.00", 5, 20);
        catalog.substitute(sku, substitute);
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        api.placeOrder(orderId, "GOLD", new Api.Line("1", sku, 1));
        Task review = awaitTask(caseId);
        // the customer is told at once; the reviewed offer follows
        await().until(() ->
                api.backorder(caseId).path("emails").findValuesAsText("state").contains("SENT"));
        processEngine.getTaskService().complete(review.getId(), Map.of("discountPercent", 15));
        await().until(() -> api.backorder(caseId).path("emails").size() == 2);
        purchaseOrdered(sku, 5, catalog.today().plusDays(9));
        await().until(() -> api.backorder(caseId).path("emails").size() == 3);

        api.decide(caseId, "wait", null);

        await().until(() -> api.backorder(caseId).path("decisions").size() == 1);
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("customer").path("tier").asText()).isEqualTo("GOLD");
        assertThat(view.path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(9).toString());
        assertThat(view.path("promises").findValuesAsText("expectedDate"))
                .containsExactly(
                        catalog.today().plusDays(20).toString(),
                        catalog.today().plusDays(9).toString());
        assertThat(view.path("promises").findValuesAsText("basis")).containsExactly("LEAD_TIME", "PURCHASE_ORDER");
        JsonNode offer = view.path("offers").get(0);
        assertThat(offer.path("discountPercent").asInt()).isEqualTo(15);
        assertThat(offer.path("reviewRequired").asBoolean()).isTrue();
        assertThat(offer.path("alternatives").get(0).path("sku").asText()).isEqualTo(substitute);
        assertThat(offer.path("alternatives").get(0).path("unitPrice").decimalValue())
                .isEqualByComparingTo("120.00");
        assertThat(view.path("decisions").get(0).path("decision").asText()).isEqualTo("wait");
        assertThat(view.path("decisions").get(0).path("decidedBy").asText()).isEqualTo(TestUsers.SHOP);
        assertThat(view.path("decisions").get(0).path("channel").asText()).isEqualTo("API");
        assertThat(view.path("emails").findValuesAsText("template"))
                .containsExactly("backorder-notice", "offer", "date-changed");
        assertThat(view.path("emails").findValuesAsText("state")).containsOnly("SENT");
        JsonNode task = view.path("tasks").get(0);
        assertThat(task.path("name").asText()).isEqualTo("Review offer");
        assertThat(task.path("candidateGroup").asText()).isEqualTo("agents");
        assertThat(task.path("outcome").asText()).isEqualTo("discount 15%");
        assertThat(view.path("timeline").findValuesAsText("kind"))
                .containsSubsequence(
                        "OPENED",
                        "PROMISED",
                        "TASK_CREATED",
                        "EMAIL",
                        "TASK_COMPLETED",
                        "OFFERED",
                        "EMAIL",
                        "PROMISED",
                        "EMAIL",
                        "DECIDED");
    }
}
