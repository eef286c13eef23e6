package io.backorderengine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;

/** Who gets arriving stock, in which order, and what each waiting customer is promised. */
class AllocationPolicyTests extends ApplicationTest {

    @Test
    void receiptsServeTheLineInPolicyOrderAndASupervisorCanMoveACaseUp() {
        String sku = catalog.product(0);
        String first = backorder(sku, 1);
        String second = backorder(sku, 1);
        String third = backorder(sku, 1);
        assertThat(preview(sku, 3)).extracting(a -> a.path("caseId").asText()).containsExactly(first, second, third);

        Api.Response moved =
                api.as(TestUsers.SUPERVISOR).put("/api/backorders/" + third + "/priority", Map.of("priority", 5));
        Api.Response notAllowed =
                api.as(TestUsers.AGENT).put("/api/backorders/" + second + "/priority", Map.of("priority", 9));

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.body().path("priority").asInt()).isEqualTo(5);
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(preview(sku, 3)).extracting(a -> a.path("caseId").asText()).containsExactly(third, first, second);
        Api.Response receipt = api.receive(Catalog.unique("RCPT"), sku, 2);
        assertThat(receipt.body().path("allocations").findValuesAsText("caseId"))
                .containsExactly(third, first);
        await().until(() ->
                api.status(third).equals("FULFILLED") && api.status(first).equals("FULFILLED"));
        assertThat(api.status(second)).isEqualTo("OPEN");
        assertThat(api.backorder(third).path("timeline").findValuesAsText("kind"))
                .contains("PRIORITIZED");
    }

    @Test
    void aPreviewChangesNothing() {
        String sku = catalog.product(0);
        String waiting = backorder(sku, 3);

        List<JsonNode> preview = preview(sku, 2);

        assertThat(preview).singleElement().satisfies(a -> {
            assertThat(a.path("caseId").asText()).isEqualTo(waiting);
            assertThat(a.path("quantity").asInt()).isEqualTo(2);
        });
        assertThat(catalog.onHand(sku)).isZero();
        assertThat(catalog.heldFor(waiting, "RECEIPT")).isZero();
        assertThat(catalog.count("select quantity_allocated from backorder_demand where case_id = ?", waiting))
                .isZero();
    }

    @Test
    void aShipCompleteLineWaitsUntilItCanBeFilledWhole() {
        String sku = catalog.product(0);
        String whole = backorder(sku, 3, true);
        String partial = backorder(sku, 1, false);

        Api.Response two = api.receive(Catalog.unique("RCPT"), sku, 2);

        assertThat(two.body().path("allocations").findValuesAsText("caseId")).containsExactly(partial);
        assertThat(two.body().path("onHand").asInt()).isEqualTo(1);
        Api.Response more = api.receive(Catalog.unique("RCPT"), sku, 2);
        assertThat(more.body().path("allocations").toString())
                .isEqualTo("[{\"caseId\":\"%s\",\"quantity\":3}]".formatted(whole));
        await().until(() -> api.status(whole).equals("FULFILLED"));
        assertThat(catalog.onHand(sku)).isZero();
    }

    @Test
    void eachCaseIsPromisedTheDateOfTheSupplyThatCoversItInLine() {
        String sku = catalog.product("Kayak", "500.00", 0, 30);
        String early = Catalog.unique("PO");
        catalog.purchaseOrder(early, sku, 5, catalog.today().plusDays(5));
        catalog.purchaseOrder(Catalog.unique("PO"), sku, 10, catalog.today().plusDays(12));
        String one = backorder(sku, 2);
        String two = backorder(sku, 2);
        String three = backorder(sku, 2);
        String beyond = backorder(sku, 10);

        assertThat(expected(one)).isEqualTo(catalog.today().plusDays(5));
        assertThat(expected(two)).isEqualTo(catalog.today().plusDays(5));
        assertThat(expected(three)).isEqualTo(catalog.today().plusDays(12));
        assertThat(expected(beyond)).isEqualTo(catalog.today().plusDays(30));

        // one more unit on the early purchase order: the third case now fits into it, and the last one
        // into the second purchase order; the first two keep their dates and are not re-promised
        api.put(
                "/api/inventory/purchase-orders/" + early,
                Map.of(
                        "purchaseOrderId",
                        early,
                        "sku",
                        sku,
                        "supplierId",
                        catalog.supplierOf(sku),
                        "quantity",
                        6,
                        "expectedDate",
                        catalog.today().plusDays(5).toString()));

        await().until(() -> api.backorder(three).path("promises").size() == 2
                && api.backorder(beyond).path("promises").size() == 2);
        assertThat(expected(three)).isEqualTo(catalog.today().plusDays(5));
        assertThat(expected(beyond)).isEqualTo(catalog.today().plusDays(12));
        assertThat(api.backorder(one).path("promises")).hasSize(1);
        assertThat(api.backorder(two).path("promises")).hasSize(1);
        assertThat(catalog.count(
                        "select count(*) from case_message where case_id in (?, ?) and message_name = 'SupplierDateChanged'",
                        one,
                        two))
                .isZero();
    }

    @Test
    void aShortfallThatNoSupplyCoversIsRefusedWithAReason() {
        String sku = catalog.product("Snowshoe", "80.00", 1, 10);
        catalog.backorderCap(sku, null); // the default rule: open supply (10) plus the margin (5)
        catalog.purchaseOrder(Catalog.unique("PO"), sku, 10, catalog.today().plusDays(7));
        backorder(sku, 12); // one unit on hand ships, eleven wait: room for four more

        Api.Response refused = api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 5));
        Api.Response fits = api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 4));

        JsonNode line = refused.body().path("lines").get(0);
        assertThat(refused.status()).isEqualTo(201);
        assertThat(line.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(line.path("quantityBackordered").asInt()).isZero();
        assertThat(line.path("caseId").isNull()).isTrue();
        assertThat(line.path("refusalReason").asText())
                .isEqualTo("open supply covers only 4 more unit(s) of %s on backorder, not 5".formatted(sku));
        assertThat(fits.body().path("lines").get(0).path("outcome").asText()).isEqualTo("BACKORDERED");
        Api.Response nothingLeft = api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 1));
        assertThat(nothingLeft.body().path("lines").get(0).path("refusalReason").asText())
                .contains("no open supply covers");
    }

    @Test
    void alternativesComeFromTheSubstituteRelationAndFromCategoryAndPriceBandInStockOnly() {
        String category = Catalog.unique("tents");
        String item = catalog.product("Tent 3P", "100.00", 0, 10, category);
        String related = catalog.product("Bivvy bag", "60.00", 5, 10);
        String similar = catalog.product("Tent 3P Lite", "110.00", 5, 10, category);
        catalog.product("Tent 6P", "200.00", 5, 10, category); // outside the price band
        catalog.product("Tent 3P Pro", "95.00", 0, 10, category); // not in stock
        catalog.substitute(item, related);

        String caseId = backorder(item, 1);

        assertThat(api.backorder(caseId)
                        .path("offers")
                        .get(0)
                        .path("alternatives")
                        .findValuesAsText("sku"))
                .containsExactly(related, similar);
    }

    // -- helpers -----------------------------------------------------------------------------------

    private String backorder(String sku, int quantity) {
        return backorder(sku, quantity, false);
    }

    private String backorder(String sku, int quantity, boolean shipComplete) {
        String orderId = Catalog.unique("ORD");
        Map<String, Object> order = new HashMap<>(Api.order(orderId, "STANDARD", new Api.Line("1", sku, quantity)));
        order.put("shipComplete", shipComplete);
        Api.Response placed = api.post("/api/orders", order);
        assertThat(placed.body().path("lines").get(0).path("caseId").asText()).isEqualTo(orderId + "-1");
        awaitStarted(orderId + "-1");
        return orderId + "-1";
    }

    private List<JsonNode> preview(String sku, int quantity) {
        Api.Response preview = api.post("/api/inventory/receipts/preview", Map.of("sku", sku, "quantity", quantity));
        assertThat(preview.status()).isEqualTo(200);
        List<JsonNode> allocations = new ArrayList<>();
        preview.body().path("allocations").forEach(allocations::add);
        return allocations;
    }

    private LocalDate expected(String caseId) {
        return LocalDate.parse(api.backorder(caseId).path("expectedDate").asText());
    }
}
