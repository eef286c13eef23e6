package io.backorderengine.inventory;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Hands free units of a SKU to the waiting line, oldest order first, partial quantities included.
 * The caller holds the product's row lock, so two receipts (or a receipt and a release) for one SKU
 * never hand out the same unit.
 */
@Component
class Allocator {

    private final BackorderQueue queue;
    private final Reservations reservations;
    private final ProductStock stock;
    private final ApplicationEventPublisher events;

    Allocator(BackorderQueue queue, Reservations reservations, ProductStock stock, ApplicationEventPublisher events) {
        this.queue = queue;
        this.reservations = reservations;
        this.stock = stock;
        this.events = events;
    }

    /**
     * @param locked   the product, locked by the caller
     * @param freshUnits units arriving now (a receipt or a release), added to what is on hand
     * @return the allocations made, in queue order
     */
    List<StockAllocated> allocate(Product locked, int freshUnits, String receiptId) {
        int free = locked.onHand() + freshUnits;
        List<StockAllocated> allocations = new ArrayList<>();
        for (BackorderQueue.Demand demand : free > 0 ? queue.waiting(locked.sku()) : List.<BackorderQueue.Demand>of()) {
            if (free == 0) {
                break;
            }
            int units = Math.min(free, demand.missing());
            queue.allocate(demand, units);
            reservations.hold(locked.sku(), units, Inventory.orderIdOf(demand.caseId()), Inventory.lineIdOf(demand.caseId()),
                    demand.caseId(), Reservations.RECEIPT, receiptId);
            free -= units;
            allocations.add(new StockAllocated(demand.caseId(), locked.sku(), units, demand.missing() - units));
        }
        stock.setOnHand(locked.sku(), free);
        // Published inside the transaction: listeners persist the wake-up together with the allocation.
        allocations.forEach(events::publishEvent);
        return allocations;
    }

}
