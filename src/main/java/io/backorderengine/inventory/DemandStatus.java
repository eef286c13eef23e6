package io.backorderengine.inventory;

/** Where a case stands in its SKU's waiting line; stored by name in {@code backorder_demand.status} (a CHECK lists them). */
enum DemandStatus {
    /** Waits for (more) stock. */
    WAITING,
    /** Got all it missed. */
    FILLED,
    /** Left the line (cancelled, or switched to an alternative). */
    WITHDRAWN
}
