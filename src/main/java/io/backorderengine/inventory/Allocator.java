package io.backorderengine.inventory;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Hands free units of a SKU to the waiting line in rank order, partial quantities included (a
 * ship-complete line is skipped until its whole quantity is there). The caller holds the product's
 * row lock, so two receipts (or a receipt and a release) for one SKU never hand out the same unit.
 * The line is read a page at a time in index order: the cost per served case does not grow with
 * the number of cases waiting behind it.
 */
@Component
class Allocator {

    private static final int PAGE = 200;

    /** One planned hand-out. */
    record Planned(BackorderQueue.Demand demand, int units) {}

    private final BackorderQueue queue;
    private final Reservations reservations;
    private final ProductStock stock;
    private final ApplicationEventPublisher events;
    private final Timer allocations;

    Allocator(
            BackorderQueue queue,
            Reservations reservations,
            ProductStock stock,
            ApplicationEventPublisher events,
            MeterRegistry metrics) {
        this.queue = queue;
        this.reservations = reservations;
        this.stock = stock;
        this.events = events;
        this.allocations = Timer.builder("backorder.allocation")
                .description("serving the waiting line from arriving units (a receipt, a stock rise, a release),"
                        + " under the product's lock")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(metrics);
    }

    /** Who would get how much of {@code free} units, without changing anything. */
    List<Planned> plan(String sku, int free) {
        List<Planned> plan = new ArrayList<>();
        long afterRank = Long.MIN_VALUE;
        String afterCase = "";
        while (free > 0) {
            List<BackorderQueue.Demand> page = queue.waitingAfter(sku, afterRank, afterCase, PAGE);
            for (BackorderQueue.Demand demand : page) {
                if (free == 0) {
                    break;
                }
                if (demand.shipComplete() && demand.missing() > free) {
                    continue; // waits until it can be filled whole
                }
                int units = Math.min(free, demand.missing());
                plan.add(new Planned(demand, units));
                free -= units;
            }
            if (page.size() < PAGE) {
                break;
            }
            BackorderQueue.Demand last = page.get(page.size() - 1);
            afterRank = last.queueRank();
            afterCase = last.caseId();
        }
        return plan;
    }

    /**
     * @param locked     the product, locked by the caller
     * @param freshUnits units arriving now (a receipt or a release), added to what is on hand
     * @return the allocations made, in queue order
     */
    List<StockAllocated> allocate(Product locked, int freshUnits, String receiptId) {
        return allocations.record(() -> allocateTimed(locked, freshUnits, receiptId));
    }

    private List<StockAllocated> allocateTimed(Product locked, int freshUnits, String receiptId) {
        int available = locked.onHand() + freshUnits;
        List<Planned> plan = plan(locked.sku(), available);
        List<StockAllocated> allocations = plan.stream()
                .map(planned -> new StockAllocated(
                        planned.demand().caseId(),
                        locked.sku(),
                        planned.units(),
                        planned.demand().missing() - planned.units()))
                .toList();
        int served = allocations.stream().mapToInt(StockAllocated::quantity).sum();
        // one batch per table for the whole hand-out: a receipt serving 100 cases makes a few round trips, not 200
        queue.allocate(plan);
        reservations.holdAllocated(allocations, receiptId);
        stock.setOnHandAfterServing(locked.sku(), available - served, served);
        if (!allocations.isEmpty()) {
            // Published inside the transaction: listeners persist the wake-ups together with the allocation.
            events.publishEvent(new StockAllocations(allocations));
        }
        return allocations;
    }
}
