package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.LinkedHashMap;
import java.util.Map;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;

/**
 * Order systems may start a case with Camunda's own REST API; the first process step registers it
 * exactly as intake does, and refuses a repeat or a start with missing facts.
 */
class EngineRestStartTests extends ApplicationTest {

    private static final String START = "/engine-rest/process-definition/key/backorder/start";

    @Test
    void aCaseStartedThroughEngineRestIsRegisteredLikeAnOrderFromIntake() {
        String sku = catalog.product("Camp chair", "35.00", 0, 10);
        String orderId = Catalog.unique("EXT");

        Api.Response started = api.post(START, start(orderId, "7", sku, 3));

        assertThat(started.status()).isEqualTo(200);
        assertThat(started.body().path("businessKey").asText()).isEqualTo(orderId + "-7");
        var view = api.backorder(orderId + "-7");
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("quantityShort").asInt()).isEqualTo(3);
        assertThat(view.path("unitPrice").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(view.path("customer").path("email").asText()).isEqualTo("ext@example.com");
        assertThat(view.path("timeline").findValuesAsText("kind")).startsWith("OPENED", "PROMISED", "OFFERED");
        assertThat(catalog.count("select count(*) from backorder_demand where case_id = ? and status = 'WAITING'",
                orderId + "-7")).isEqualTo(1);
        await().until(() -> processEngine.getRuntimeService().createExecutionQuery()
                .processInstanceBusinessKey(orderId + "-7").activityId("Event_MaxWaitReached").count() == 1);
    }

    @Test
    void aRepeatedBusinessKeyIsRefusedAndChangesNothing() {
        String sku = catalog.product(0);
        String orderId = Catalog.unique("EXT");
        assertThat(api.post(START, start(orderId, "1", sku, 2)).status()).isEqualTo(200);

        Api.Response repeated = api.post(START, start(orderId, "1", sku, 5));

        assertThat(repeated.status()).isEqualTo(409);
        assertThat(repeated.contentType()).startsWith("application/problem+json");
        assertThat(repeated.body().path("detail").asText()).contains(orderId + "-1", "exists already");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId + "-1").count()).isEqualTo(1);
        assertThat(api.backorder(orderId + "-1").path("quantityShort").asInt()).isEqualTo(2);
    }

    @Test
    void aStartWithMissingFactsIsRefusedNamingTheVariable() {
        String sku = catalog.product(0);
        String orderId = Catalog.unique("EXT");
        Map<String, Object> body = start(orderId, "1", sku, 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) body.get("variables");
        variables.remove("customerEmail");

        Api.Response refused = api.post(START, body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("variables.customerEmail");
        assertThat(processEngine.getHistoryService().createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(orderId + "-1").count()).isZero();
        assertThat(api.get("/api/backorders/" + orderId + "-1").status()).isEqualTo(404);
    }

    @Test
    void aBusinessKeyThatIsNotOrderAndLineIsRefused() {
        String sku = catalog.product(0);
        String orderId = Catalog.unique("EXT");
        Map<String, Object> body = new LinkedHashMap<>(start(orderId, "1", sku, 2));
        body.put("businessKey", "something-else");

        Api.Response refused = api.post(START, body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("variables.businessKey");
        assertThat(catalog.count("select count(*) from backorder_case where order_id = ?", orderId)).isZero();
    }

    private static Map<String, Object> start(String orderId, String lineId, String sku, int quantity) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("orderId", Map.of("value", orderId));
        variables.put("lineId", Map.of("value", lineId));
        variables.put("sku", Map.of("value", sku));
        variables.put("quantityShort", Map.of("value", quantity, "type", "Integer"));
        variables.put("customerId", Map.of("value", "C-EXT"));
        variables.put("customerName", Map.of("value", "External Customer"));
        variables.put("customerEmail", Map.of("value", "ext@example.com"));
        variables.put("customerTier", Map.of("value", "STANDARD"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("businessKey", orderId + "-" + lineId);
        body.put("variables", variables);
        return body;
    }
}
