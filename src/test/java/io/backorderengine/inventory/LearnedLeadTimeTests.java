package io.backorderengine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;

import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lead-time switch ({@code backorder.inventory.lead-time}): a case beyond all open supply is promised
 * today plus the configured lead time, or, switched to learned, plus the lead time the supplier's
 * deliveries show, while there are enough of them.
 */
class LearnedLeadTimeTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    BackorderQueue queue;

    @Autowired
    PurchaseOrders purchaseOrders;

    @Autowired
    ProductStock stock;

    @Autowired
    LearnedLeadTimes learned;

    @Autowired
    SupplyPlanner configuredPlanner;

    @Autowired
    Clock clock;

    @Test
    void promisesFollowTheSwitch() {
        String sku = catalog.product("Slow lamp", "30.00", 0, 7);
        String supplier = catalog.supplierOf(sku);
        String caseId = placedCase("LEAD", "STANDARD", sku, 1);
        SupplyPlanner learnedPlanner = new SupplyPlanner(
                queue,
                purchaseOrders,
                stock,
                learned,
                new InventoryProperties(5, 0.25, 3, InventoryProperties.LeadTimeSource.LEARNED),
                clock);
        LocalDate today = catalog.today();

        delivered(supplier, sku, 12);
        delivered(supplier, sku, 30);
        assertThat(learnedPlanner.forLine(sku).get(caseId).expectedDate())
                .as("two deliveries: still the configured 7 days")
                .isEqualTo(today.plusDays(7));

        delivered(supplier, sku, 9);
        delivered(supplier, sku, 15);
        delivered(supplier, sku, 20);
        // 9, 12, 15, 20, 30: the 4th of 5
        assertThat(learnedPlanner.forLine(sku).get(caseId).expectedDate()).isEqualTo(today.plusDays(20));
        assertThat(configuredPlanner.forLine(sku).get(caseId).expectedDate())
                .as("the shipped default: configured")
                .isEqualTo(today.plusDays(7));
        assertThat(learnedPlanner.forLine(sku).get(caseId).basis()).isEqualTo(SupplyBasis.LEAD_TIME);
    }

    /** A purchase order ordered some days before today and received in full today. */
    private void delivered(String supplier, String sku, int leadDays) {
        LocalDate today = catalog.today();
        jdbc.sql("""
                        insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, quantity_received,
                            expected_date, first_expected_date, status, created_at, updated_at, received_at)
                        values (?, ?, ?, 4, 4, ?, ?, 'CLOSED', ?, ?, ?)""")
                .params(
                        Catalog.unique("PO"),
                        sku,
                        supplier,
                        today,
                        today,
                        today.minusDays(leadDays).atTime(8, 0),
                        today.atTime(9, 0),
                        today.atTime(9, 0))
                .update();
    }
}
