package io.backorderengine.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which supply covers the n-th unit of a waiting line, and the date the case is promised from it. */
class SupplyCoverageTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final SupplyPlanner.Coverage TWO_ORDERS = new SupplyPlanner.Coverage(
            0,
            List.of(
                    new PurchaseOrders.OpenSupply("PO-A", TODAY.plusDays(5), 10),
                    new PurchaseOrders.OpenSupply("PO-B", TODAY.plusDays(12), 10)),
            TODAY,
            30);

    @Test
    void eachUnitGetsTheDateOfTheOrderThatCoversIt() {
        assertThat(TWO_ORDERS.covering(1))
                .isEqualTo(new ExpectedSupply(TODAY.plusDays(5), SupplyBasis.PURCHASE_ORDER, "PO-A"));
        assertThat(TWO_ORDERS.covering(10))
                .isEqualTo(new ExpectedSupply(TODAY.plusDays(5), SupplyBasis.PURCHASE_ORDER, "PO-A"));
        assertThat(TWO_ORDERS.covering(11))
                .isEqualTo(new ExpectedSupply(TODAY.plusDays(12), SupplyBasis.PURCHASE_ORDER, "PO-B"));
        assertThat(TWO_ORDERS.covering(20))
                .isEqualTo(new ExpectedSupply(TODAY.plusDays(12), SupplyBasis.PURCHASE_ORDER, "PO-B"));
    }

    @Test
    void whatNoOrderCoversWaitsForTheSuppliersLeadTime() {
        assertThat(TWO_ORDERS.covering(21))
                .isEqualTo(new ExpectedSupply(TODAY.plusDays(30), SupplyBasis.LEAD_TIME, null));
        assertThat(new SupplyPlanner.Coverage(0, List.of(), TODAY, 7).covering(1))
                .isEqualTo(new ExpectedSupply(TODAY.plusDays(7), SupplyBasis.LEAD_TIME, null));
    }

    @Test
    void unitsOnHandCountBeforeTheOrders() {
        SupplyPlanner.Coverage coverage = new SupplyPlanner.Coverage(
                5, List.of(new PurchaseOrders.OpenSupply("PO-A", TODAY.plusDays(5), 10)), TODAY, 30);

        assertThat(coverage.covering(15).purchaseOrderId()).isEqualTo("PO-A");
        assertThat(coverage.covering(16).basis()).isEqualTo(SupplyBasis.LEAD_TIME);
    }

    @Test
    void anOverdueOrderIsStillExpectedButNotBeforeToday() {
        SupplyPlanner.Coverage late = new SupplyPlanner.Coverage(
                0, List.of(new PurchaseOrders.OpenSupply("PO-LATE", TODAY.minusDays(3), 10)), TODAY, 30);

        assertThat(late.covering(4)).isEqualTo(new ExpectedSupply(TODAY, SupplyBasis.PURCHASE_ORDER, "PO-LATE"));
    }
}
