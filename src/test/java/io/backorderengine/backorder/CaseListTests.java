package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An agent or a shop finds cases and orders by what they know, a page at a time. */
class CaseListTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void casesAreFoundBySkuStatusOrderCustomerAgeAndEscalationNewestFirst() {
        String sku = catalog.product("Sled", "60.00", 0, 10);
        String first = waitingCase(sku, 1);
        String second = waitingCase(sku, 2);
        String third = waitingCase(sku, 1);
        api.post("/api/backorders/" + third + "/decision", Map.of("decision", "cancel"));
        await().until(() -> api.status(third).equals("CANCELLED"));
        // the first case waits for 40 days already
        jdbc.sql("update backorder_case set opened_at = opened_at - interval '40' day where case_id = ?")
                .param(first)
                .update();
        escalate(second);

        assertThat(caseIds("sku=" + sku)).containsExactly(third, second, first);
        assertThat(caseIds("sku=" + sku + "&status=OPEN")).containsExactly(second, first);
        assertThat(caseIds("sku=" + sku + "&waitingLongerThanDays=30")).containsExactly(first);
        assertThat(caseIds("sku=" + sku + "&escalated=true")).containsExactly(second);
        assertThat(caseIds("sku=" + sku + "&escalated=false")).containsExactly(first);
        assertThat(caseIds("orderId=" + orderOf(second))).containsExactly(second);
        String email = api.backorder(first).path("customer").path("email").asText();
        assertThat(caseIds("customerEmail=" + email)).containsExactly(first);
        JsonNode listed = api.get("/api/backorders?sku=" + sku + "&status=OPEN")
                .body()
                .path("items")
                .get(0);
        assertThat(listed.path("escalated").asBoolean()).isTrue();
        assertThat(listed.path("quantityShort").asInt()).isEqualTo(2);
        assertThat(listed.path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(10).toString());
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        String sku = catalog.product("Rope", "9.00", 0, 10);
        List<String> placed = List.of(
                placedCase("LIST", "STANDARD", sku, 1),
                placedCase("LIST", "STANDARD", sku, 1),
                placedCase("LIST", "STANDARD", sku, 1),
                placedCase("LIST", "STANDARD", sku, 1),
                placedCase("LIST", "STANDARD", sku, 1));

        JsonNode page0 =
                api.get("/api/backorders?sku=" + sku + "&size=2&page=0").body();
        JsonNode page1 =
                api.get("/api/backorders?sku=" + sku + "&size=2&page=1").body();
        JsonNode page2 =
                api.get("/api/backorders?sku=" + sku + "&size=2&page=2").body();

        assertThat(page0.path("hasMore").asBoolean()).isTrue();
        assertThat(page1.path("hasMore").asBoolean()).isTrue();
        assertThat(page2.path("hasMore").asBoolean()).isFalse();
        List<String> all = new ArrayList<>();
        for (JsonNode page : List.of(page0, page1, page2)) {
            page.path("items").forEach(item -> all.add(item.path("caseId").asText()));
        }
        assertThat(all).containsExactlyInAnyOrderElementsOf(placed).doesNotHaveDuplicates();
    }

    @Test
    void aCustomersOrdersAreListedNewestFirst() {
        String customer = Catalog.unique("CUST");
        String stocked = catalog.product(100);
        String missing = catalog.product("Tent peg", "1.00", 0, 10);
        String older = Catalog.unique("ORD");
        String newer = Catalog.unique("ORD");
        api.post("/api/orders", order(older, customer, stocked));
        api.post("/api/orders", order(newer, customer, missing));

        JsonNode page = api.get("/api/orders?customerId=" + customer).body();

        assertThat(page.path("items").findValuesAsText("orderId")).containsExactly(newer, older);
        assertThat(page.path("items").get(0).path("backorderedLines").asInt()).isEqualTo(1);
        assertThat(page.path("items").get(1).path("backorderedLines").asInt()).isZero();
        assertThat(api.get("/api/orders").status()).as("a customer is required").isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/backorders?status=LOST",
                "/api/backorders?size=0",
                "/api/backorders?size=201",
                "/api/backorders?page=-1",
                "/api/backorders?waitingLongerThanDays=-3",
                "/api/backorders?escalated=maybe",
                "/api/orders?customerId=C&size=500"
            })
    void badFiltersAreRefusedWithAProblem(String path) {
        Api.Response refused = api.get(path);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
    }

    private List<String> caseIds(String query) {
        return api.get("/api/backorders?" + query).body().path("items").findValuesAsText("caseId");
    }

    private static String orderOf(String caseId) {
        return caseId.substring(0, caseId.lastIndexOf('-'));
    }

    /** Its wait limit passes now: the max-wait timer fires, a supervisor gets the case. */
    private void escalate(String caseId) {
        fireTimer(caseId, "Event_MaxWaitReached");
    }

    private static Map<String, Object> order(String orderId, String customerId, String sku) {
        return Map.of(
                "orderId",
                orderId,
                "customer",
                Map.of("id", customerId, "name", "Pat", "email", "pat-" + orderId + "@example.com", "tier", "STANDARD"),
                "lines",
                List.of(Map.of("lineId", "1", "sku", sku, "quantity", 1)));
    }
}
