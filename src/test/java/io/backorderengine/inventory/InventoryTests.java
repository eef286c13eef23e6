package io.backorderengine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.Map;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;

/** Receipts serve the waiting line first-come-first-served; purchase orders set expected dates. */
class InventoryTests extends ApplicationTest {

    @Test
    void aReceiptServesWaitingCasesByOrderTimeWithPartialQuantitiesAndWakesExactlyThose() {
        String sku = catalog.product(0);
        String first = placeBackorder(sku, 2);
        String second = placeBackorder(sku, 3);
        String third = placeBackorder(sku, 1);

        Api.Response receipt = api.receive(Catalog.unique("RCPT"), sku, 4);

        assertThat(receipt.status()).isEqualTo(201);
        assertThat(receipt.body().path("allocations").toString())
                .isEqualTo("[{\"caseId\":\"%s\",\"quantity\":2},{\"caseId\":\"%s\",\"quantity\":2}]"
                        .formatted(first, second));
        assertThat(receipt.body().path("onHand").asInt()).isZero();
        await().until(() -> api.status(first).equals("FULFILLED"));
        await().until(() ->
                api.backorder(second).path("timeline").findValuesAsText("kind").contains("ALLOCATED"));
        assertThat(api.status(second)).isEqualTo("OPEN");
        assertThat(catalog.heldFor(second, "RECEIPT")).isEqualTo(2);
        assertThat(catalog.heldFor(third, "RECEIPT")).isZero();
        assertThat(catalog.count("select count(*) from case_message where case_id = ?", third))
                .isZero();
        assertThat(catalog.count(
                        "select count(*) from case_message where case_id = ? and message_name = 'StockPartlyAllocated'",
                        second))
                .isEqualTo(1);
    }

    @Test
    void unitsACancelledCaseHeldGoToTheNextInLine() {
        String sku = catalog.product(0);
        String first = placeBackorder(sku, 3);
        String second = placeBackorder(sku, 2);
        api.receive(Catalog.unique("RCPT"), sku, 2);
        await().until(() ->
                api.backorder(first).path("timeline").findValuesAsText("kind").contains("ALLOCATED"));

        api.decide(first, "cancel", null);

        await().until(() -> api.status(first).equals("CANCELLED"));
        await().until(() -> api.status(second).equals("FULFILLED"));
        assertThat(catalog.heldFor(first, "RECEIPT")).isZero();
        assertThat(catalog.heldFor(second, "RECEIPT")).isEqualTo(2);
        assertThat(catalog.onHand(sku)).isZero();
        assertThat(api.backorder(first).path("timeline").findValuesAsText("detail"))
                .contains("2 allocated unit(s) released");
    }

    @Test
    void aRepeatedReceiptIdIsIgnored() {
        String sku = catalog.product(0);
        String caseId = placeBackorder(sku, 5);
        String receiptId = Catalog.unique("RCPT");
        Api.Response first = api.receive(receiptId, sku, 2);

        Api.Response again = api.receive(receiptId, sku, 2);
        Api.Response reused = api.receive(receiptId, sku, 9);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
        assertThat(again.body().path("allocations")).isEqualTo(first.body().path("allocations"));
        assertThat(reused.status()).isEqualTo(409);
        assertThat(catalog.heldFor(caseId, "RECEIPT")).isEqualTo(2);
        assertThat(catalog.onHand(sku)).isZero();
    }

    @Test
    void theExpectedDateIsTheEarliestOpenPurchaseOrderElseTheSupplierLeadTime() {
        String withoutSupply = catalog.product("No supply", "10.00", 0, 12);
        String withSupply = catalog.product("With supply", "10.00", 0, 12);
        catalog.purchaseOrder(
                Catalog.unique("PO"), withSupply, 5, catalog.today().plusDays(20));
        catalog.purchaseOrder(
                Catalog.unique("PO"), withSupply, 5, catalog.today().plusDays(8));

        String leadTimeCase = placeBackorder(withoutSupply, 1);
        String supplyCase = placeBackorder(withSupply, 1);

        assertThat(api.backorder(leadTimeCase).path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(12).toString());
        assertThat(api.backorder(leadTimeCase)
                        .path("promises")
                        .get(0)
                        .path("basis")
                        .asText())
                .isEqualTo("LEAD_TIME");
        assertThat(api.backorder(supplyCase).path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(8).toString());
        assertThat(api.backorder(supplyCase)
                        .path("promises")
                        .get(0)
                        .path("basis")
                        .asText())
                .isEqualTo("PURCHASE_ORDER");
    }

    @Test
    void purchaseOrdersAreCreatedAndChangedAndAMovedDateIsPromisedAnew() {
        // 20 days of lead time: a discount, but no review (see processes/offer-policy.dmn)
        String sku = catalog.product("Slow item", "10.00", 0, 20);
        String caseId = placeBackorder(sku, 1);
        await().until(() -> api.backorder(caseId).path("emails").size() == 1);
        String poId = Catalog.unique("PO");
        Map<String, Object> po = Map.of(
                "purchaseOrderId",
                poId,
                "sku",
                sku,
                "supplierId",
                catalog.supplierOf(sku),
                "quantity",
                10,
                "expectedDate",
                catalog.today().plusDays(10).toString());

        Api.Response created = api.post("/api/inventory/purchase-orders", po);
        Api.Response sameAgain = api.post("/api/inventory/purchase-orders", po);
        Map<String, Object> later = new HashMap<>(po);
        later.put("expectedDate", catalog.today().plusDays(14).toString());
        Api.Response changed = api.put("/api/inventory/purchase-orders", later);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getLocation()).hasToString("/api/inventory/purchase-orders/" + poId);
        assertThat(sameAgain.status()).isEqualTo(200);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(14).toString());
        await().untilAsserted(
                        () -> assertThat(api.backorder(caseId).path("promises")).hasSize(3));
        var promises = api.backorder(caseId).path("promises").findValuesAsText("expectedDate");
        assertThat(promises)
                .containsExactly(
                        catalog.today().plusDays(20).toString(),
                        catalog.today().plusDays(10).toString(),
                        catalog.today().plusDays(14).toString());
        await().until(() -> api.backorder(caseId).path("emails").findValuesAsText("template").stream()
                        .filter("date-changed"::equals)
                        .count()
                == 2);
    }

    @Test
    void aPurchaseOrderNamingAnUnknownSupplierIsRefused() {
        String sku = catalog.product(0);
        String poId = Catalog.unique("PO");

        Api.Response refused = api.post(
                "/api/inventory/purchase-orders",
                Map.of(
                        "purchaseOrderId",
                        poId,
                        "sku",
                        sku,
                        "supplierId",
                        "NOBODY",
                        "quantity",
                        10,
                        "expectedDate",
                        catalog.today().plusDays(3).toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("supplierId");
        assertThat(api.get("/api/inventory/purchase-orders/" + poId).status()).isEqualTo(404);
    }

    private String placeBackorder(String sku, int quantity) {
        String orderId = Catalog.unique("ORD");
        assertThat(api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, quantity))
                        .status())
                .isEqualTo(201);
        awaitStarted(orderId + "-1");
        return orderId + "-1";
    }
}
