package io.backorderengine.inventory;

/** Whether a purchase order is still expected; stored by name in {@code purchase_order.status} (a CHECK lists them). */
public enum PurchaseOrderStatus {
    /** Expected: its units may cover waiting cases. */
    OPEN,
    /** Delivered in full, or cancelled. */
    CLOSED
}
