package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebappSession;
import io.backorderengine.system.InvalidStart;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Order systems may start a case with Camunda's own REST API; the first process step registers it
 * exactly as intake does, and refuses a repeat or a start with missing facts.
 */
class EngineRestStartTests extends ApplicationTest {

    private static final String START = "/engine-rest/process-definition/key/backorder/start";

    @LocalServerPort
    int port;

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
        assertThat(catalog.count(
                        "select count(*) from backorder_demand where case_id = ? and status = 'WAITING'",
                        orderId + "-7"))
                .isEqualTo(1);
        awaitWaiting(orderId + "-7");
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
        assertThat(processEngine
                        .getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(orderId + "-1")
                        .count())
                .isEqualTo(1);
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
        assertThat(processEngine
                        .getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(orderId + "-1")
                        .count())
                .isZero();
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
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("businessKey");
        assertThat(catalog.count("select count(*) from backorder_case where order_id = ?", orderId))
                .isZero();
    }

    // -- what an order system may not do with a start --------------------------------------------------

    @Test
    void aStartBeginningAtReleaseReservationForAnotherCustomersCaseIsRefusedAndChangesNothing() {
        String victim = caseWithNoticeSent("VIC");
        String orderId = victim.substring(0, victim.length() - 2);
        Map<String, Object> body = new LinkedHashMap<>(start(orderId, "1", catalog.product(0), 1));
        body.put(
                "startInstructions",
                List.of(Map.of("type", "startBeforeActivity", "activityId", "Task_ReleaseReservation")));
        body.put("skipCustomListeners", true);
        body.put("skipIoMappings", true);
        String before = api.backorder(victim).toString();
        long instances = instances();

        Api.Response refused = api.post(START, body);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("errors").findValuesAsText("field")).contains("startInstructions");
        assertThat(api.backorder(victim).toString()).isEqualTo(before);
        assertThat(api.backorder(victim).path("timeline").findValuesAsText("kind"))
                .doesNotContain("RELEASED");
        assertThat(instances()).isEqualTo(instances);
        assertThat(Mailbox.to(SMTP, "customer-" + orderId + "@example.com")).hasSize(1);
    }

    @Test
    void undeclaredWrongTypedOrOversizedVariablesAreRefusedBeforeAnythingIsStored() {
        String sku = catalog.product(0);
        long instances = instances();
        Map<String, Map<String, Object>> attacks = new LinkedHashMap<>();
        attacks.put("variables.caseId", Map.of("caseId", Map.of("value", "SOMEONE-1")));
        attacks.put(
                "variables.maxWaitUntil",
                Map.of("maxWaitUntil", Map.of("value", "2020-01-01T00:00:00.000+0000", "type", "Date")));
        attacks.put("variables.blob", Map.of("blob", Map.of("value", "AAAA", "type", "Bytes")));
        attacks.put("variables.quantityShort", Map.of("quantityShort", Map.of("value", "2", "type", "String")));
        attacks.put("variables.customerName", Map.of("customerName", Map.of("value", "N".repeat(5000))));
        attacks.put("variables.customerEmail", Map.of("customerEmail", Map.of("value", "x@example.com\u0000")));
        attacks.put("variables.customerId", Map.of("customerId", Map.of("value", "C\u202E1")));
        attacks.forEach((field, override) -> {
            String orderId = Catalog.unique("EXT");
            Map<String, Object> body = start(orderId, "1", sku, 1);
            @SuppressWarnings("unchecked")
            Map<String, Object> variables = (Map<String, Object>) body.get("variables");
            variables.putAll(override);

            Api.Response refused = api.post(START, body);

            assertThat(refused.status()).as(field).isEqualTo(400);
            assertThat(refused.body().path("errors").findValuesAsText("field"))
                    .as(field)
                    .contains(field);
            assertThat(refused.body().toString())
                    .doesNotContainIgnoringCase("insert")
                    .doesNotContain("H2")
                    .doesNotContain("PostgreSQL")
                    .doesNotContain("org.camunda");
            assertThat(catalog.count("select count(*) from backorder_case where order_id = ?", orderId))
                    .isZero();
        });
        assertThat(instances()).isEqualTo(instances);
    }

    @Test
    void theSameContractHoldsForAJavaCallerAndTheWebappsApi() {
        String sku = catalog.product(0);
        String orderId = Catalog.unique("EXT");
        long instances = instances();
        processEngine.getIdentityService().setAuthentication(TestUsers.SHOP, List.of("ordersystems"));
        try {
            assertThatThrownBy(() -> processEngine
                            .getRuntimeService()
                            .createProcessInstanceByKey("backorder")
                            .businessKey(orderId + "-1")
                            .setVariable("caseId", "X")
                            .startBeforeActivity("Task_ReleaseReservation")
                            .execute(true, true))
                    .isInstanceOf(InvalidStart.class)
                    .hasMessageContaining("startInstructions");
        } finally {
            processEngine.getIdentityService().clearAuthentication();
        }
        WebappSession cockpit = new WebappSession(port);
        assertThat(cockpit.login("cockpit", TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN)))
                .isEqualTo(200);
        Map<String, Object> body = start(orderId, "1", sku, 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> variables = (Map<String, Object>) body.get("variables");
        variables.put("reminderCycle", Map.of("value", "R/PT1S"));

        WebappSession.Response viaWebapp = cockpit.post(
                "/camunda/api/engine/engine/default" + START.substring("/engine-rest".length()), json(body));

        assertThat(viaWebapp.status()).isEqualTo(400);
        assertThat(viaWebapp.body()).contains("reminderCycle");
        assertThat(instances()).isEqualTo(instances);
    }

    private long instances() {
        return processEngine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .count();
    }

    private String json(Object body) {
        try {
            return new ObjectMapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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
