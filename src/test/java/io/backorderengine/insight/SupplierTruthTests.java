package io.backorderengine.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Promised versus actual deliveries, per supplier and SKU, against figures worked out by hand. */
class SupplierTruthTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void juneDeliveriesAgainstTheFirstPromisedDates() {
        String x = supplier(7);
        String y = supplier(7);
        String x1 = product(x);
        String x2 = product(x);
        String y1 = product(y);
        // created, first expected, received; PX1's date was moved to the 14th later, which excuses nothing
        received(x, x1, "2021-06-01", "2021-06-10", "2021-06-12"); // slip +2, lead 11
        received(x, x1, "2021-06-02", "2021-06-09", "2021-06-09"); // slip 0, lead 7
        received(x, x2, "2021-06-05", "2021-06-20", "2021-06-15"); // slip -5, lead 10
        received(x, x2, "2021-06-10", "2021-06-15", "2021-06-25"); // slip +10, lead 15
        received(x, x2, "2021-05-01", "2021-05-10", "2021-05-20"); // before the window; lead 19
        open(x, x1, "2021-06-30");
        received(y, y1, "2021-06-01", "2021-06-08", "2021-06-08"); // slip 0, lead 7

        JsonNode report = api.as(TestUsers.SUPERVISOR)
                .get("/api/insights/suppliers?from=2021-06-01&to=2021-06-30")
                .body();
        JsonNode supplierX = supplier(report, x);
        JsonNode deliveries = supplierX.path("deliveries");
        assertThat(deliveries.path("ordersReceived").asLong()).isEqualTo(4);
        assertThat(deliveries.path("onTime").asLong()).isEqualTo(2);
        assertThat(deliveries.path("onTimeRate").asDouble()).isEqualTo(0.5);
        // (2 + 0 − 5 + 10) / 4
        assertThat(deliveries.path("averageSlipDays").asDouble()).isEqualTo(1.75);
        // sorted −5, 0, 2, 10: 2 + 0.7 × (10 − 2)
        assertThat(deliveries.path("p90SlipDays").asDouble()).isEqualTo(7.6);
        assertThat(deliveries.path("averageLeadTimeDays").asDouble()).isEqualTo(10.75);
        assertThat(supplierX.path("overdueOpenOrders").asLong()).isEqualTo(1);
        assertThat(supplierX.path("configuredLeadTimeDays").asInt()).isEqualTo(7);
        // leads 7, 10, 11, 15, 19 (May's counts: it is among the latest): rank ⌈0.8 × 5⌉ = 4
        assertThat(supplierX.path("learnedLeadTime").toString()).isEqualTo("{\"days\":15,\"orders\":5}");
        JsonNode skus = supplierX.path("skus");
        assertThat(skus).hasSize(2);
        JsonNode first = skus.get(0).path("sku").asText().equals(x1) ? skus.get(0) : skus.get(1);
        JsonNode second = first == skus.get(0) ? skus.get(1) : skus.get(0);
        assertThat(first.path("deliveries").toString())
                .isEqualTo("{\"ordersReceived\":2,\"onTime\":1,\"onTimeRate\":0.5,\"averageSlipDays\":1.0,"
                        + "\"p90SlipDays\":1.8,\"averageLeadTimeDays\":9.0}");
        assertThat(second.path("deliveries").toString())
                .isEqualTo("{\"ordersReceived\":2,\"onTime\":1,\"onTimeRate\":0.5,\"averageSlipDays\":2.5,"
                        + "\"p90SlipDays\":8.5,\"averageLeadTimeDays\":12.5}");

        JsonNode supplierY = supplier(report, y);
        assertThat(supplierY.path("deliveries").path("onTimeRate").asDouble()).isEqualTo(1.0);
        assertThat(supplierY.path("learnedLeadTime").isNull())
                .as("one delivery teaches nothing yet")
                .isTrue();
        assertThat(indexOf(report, x)).as("the supplier with late orders first").isLessThan(indexOf(report, y));
    }

    @Test
    void aPurchaseOrderCountsWhenItsLastUnitsArriveAgainstItsFirstDate() {
        String sku = catalog.product(0);
        String po = Catalog.unique("PO");
        LocalDate today = catalog.today();
        assertThat(savePurchaseOrder(po, sku, 5, today.minusDays(3)).status()).isEqualTo(201);
        assertThat(savePurchaseOrder(po, sku, 5, today.plusDays(10)).status()).isEqualTo(200);
        String url = "/api/insights/suppliers?from=" + today + "&to=" + today;

        receive(sku, 2, po);
        assertThat(supplier(api.as(TestUsers.ANALYST).get(url).body(), catalog.supplierOf(sku))
                        .path("deliveries")
                        .path("ordersReceived")
                        .asLong())
                .as("partly received")
                .isZero();

        receive(sku, 3, po);
        JsonNode deliveries = supplier(api.as(TestUsers.ANALYST).get(url).body(), catalog.supplierOf(sku))
                .path("deliveries");
        assertThat(deliveries.path("ordersReceived").asLong()).isEqualTo(1);
        assertThat(deliveries.path("onTime").asLong())
                .as("three days after the first date, though before the moved one")
                .isZero();
        assertThat(deliveries.path("averageSlipDays").asDouble()).isEqualTo(3.0);
    }

    @Test
    void agentsAndShopsDoNotReadIt() {
        assertThat(api.as(TestUsers.AGENT).get("/api/insights/suppliers").status())
                .isEqualTo(403);
        assertThat(api.get("/api/insights/suppliers").status()).isEqualTo(403);
    }

    private void receive(String sku, int quantity, String purchaseOrderId) {
        assertThat(api.post(
                                "/api/inventory/receipts",
                                Map.of(
                                        "receiptId", Catalog.unique("R"),
                                        "sku", sku,
                                        "quantity", quantity,
                                        "purchaseOrderId", purchaseOrderId))
                        .status())
                .isEqualTo(201);
    }

    private String supplier(int leadTimeDays) {
        return catalog.supplier(leadTimeDays);
    }

    private String product(String supplier) {
        String sku = Catalog.unique("SKU");
        jdbc.sql("""
                        insert into product (sku, name, category, unit_price, supplier_id, on_hand)
                        values (?, 'Fixture', ?, 10.00, ?, 0)""").params(sku, Catalog.unique("category"), supplier).update();
        return sku;
    }

    private void received(String supplier, String sku, String created, String firstExpected, String received) {
        insert(supplier, sku, created, firstExpected, received);
    }

    private void open(String supplier, String sku, String expected) {
        insert(supplier, sku, "2021-06-01", expected, null);
    }

    private void insert(String supplier, String sku, String created, String firstExpected, String received) {
        LocalDate createdOn = LocalDate.parse(created);
        jdbc.sql("""
                        insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, quantity_received,
                            expected_date, first_expected_date, status, created_at, updated_at, received_at)
                        values (?, ?, ?, 10, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        Catalog.unique("PO"),
                        sku,
                        supplier,
                        received == null ? 0 : 10,
                        LocalDate.parse(firstExpected).plusDays(4),
                        LocalDate.parse(firstExpected),
                        received == null ? "OPEN" : "CLOSED",
                        createdOn.atTime(9, 0),
                        createdOn.atTime(9, 0),
                        received == null ? null : LocalDate.parse(received).atTime(15, 0))
                .update();
    }

    static JsonNode supplier(JsonNode report, String supplierId) {
        return report.path("suppliers").get(indexOf(report, supplierId));
    }

    static int indexOf(JsonNode report, String supplierId) {
        JsonNode suppliers = report.path("suppliers");
        for (int i = 0; i < suppliers.size(); i++) {
            if (suppliers.get(i).path("supplierId").asText().equals(supplierId)) {
                return i;
            }
        }
        throw new AssertionError("no supplier " + supplierId + " in " + report);
    }
}
