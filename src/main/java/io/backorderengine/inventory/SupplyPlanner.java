package io.backorderengine.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Expected dates by coverage: open purchase orders are matched to the waiting line in rank order, so
 * the eleventh case in line gets the date of the supply that actually covers it, not the earliest
 * purchase order. What no supply covers gets today plus the supplier's lead time.
 */
@Component
class SupplyPlanner {

    private final BackorderQueue queue;
    private final PurchaseOrders purchaseOrders;
    private final ProductStock stock;
    private final LearnedLeadTimes learned;
    private final InventoryProperties properties;
    private final Clock clock;

    SupplyPlanner(
            BackorderQueue queue,
            PurchaseOrders purchaseOrders,
            ProductStock stock,
            LearnedLeadTimes learned,
            InventoryProperties properties,
            Clock clock) {
        this.queue = queue;
        this.purchaseOrders = purchaseOrders;
        this.stock = stock;
        this.learned = learned;
        this.properties = properties;
        this.clock = clock;
    }

    /** The date for one waiting case: the units waiting ahead of it decide which supply covers it. */
    ExpectedSupply forCase(BackorderQueue.Demand demand) {
        int needed = queue.missingAhead(demand.sku(), demand.queueRank(), demand.caseId()) + demand.missing();
        return coverage(demand.sku()).covering(needed);
    }

    /** The dates for the whole waiting line of a SKU, in one pass. */
    Map<String, ExpectedSupply> forLine(String sku) {
        Coverage coverage = coverage(sku);
        Map<String, ExpectedSupply> dates = new LinkedHashMap<>();
        int needed = 0;
        for (BackorderQueue.Demand demand : queue.waiting(sku)) {
            needed += demand.missing();
            dates.put(demand.caseId(), coverage.covering(needed));
        }
        return dates;
    }

    private Coverage coverage(String sku) {
        ProductStock.Supply supply = stock.supply(sku);
        return new Coverage(supply.onHand(), purchaseOrders.open(sku), LocalDate.now(clock), leadTime(supply));
    }

    private int leadTime(ProductStock.Supply supply) {
        if (properties.leadTime() == InventoryProperties.LeadTimeSource.LEARNED) {
            return learned.of(supply.supplierId())
                    .map(LearnedLeadTimes.LeadTime::days)
                    .orElse(supply.leadTimeDays());
        }
        return supply.leadTimeDays();
    }

    /**
     * What covers a waiting line: the units on hand, then the open purchase orders in the order they are
     * expected; beyond them, the supplier's lead time from today.
     */
    record Coverage(int onHand, List<PurchaseOrders.OpenSupply> supply, LocalDate today, int leadTimeDays) {

        /** The supply that covers the first {@code needed} units of the line. */
        ExpectedSupply covering(int needed) {
            int available = onHand;
            for (PurchaseOrders.OpenSupply po : supply) {
                available += po.openQuantity();
                if (available >= needed) {
                    // an overdue purchase order is still expected; not before today
                    LocalDate date = po.expectedDate().isBefore(today) ? today : po.expectedDate();
                    return new ExpectedSupply(date, SupplyBasis.PURCHASE_ORDER, po.purchaseOrderId());
                }
            }
            return new ExpectedSupply(today.plusDays(leadTimeDays), SupplyBasis.LEAD_TIME, null);
        }
    }
}
