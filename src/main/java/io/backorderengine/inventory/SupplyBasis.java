package io.backorderengine.inventory;

/** Where an expected date comes from; stored by name in {@code case_promise.basis} (a CHECK lists them). */
public enum SupplyBasis {
    /** An open purchase order covers the case. */
    PURCHASE_ORDER,
    /** No open purchase order covers it: today plus the supplier's lead time. */
    LEAD_TIME
}
