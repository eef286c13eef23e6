package io.backorderengine.inventory;

import java.time.LocalDate;

/**
 * When a SKU is expected back, and why.
 *
 * @param basis           {@code PURCHASE_ORDER} (an open PO covers it) or {@code LEAD_TIME} (no open PO:
 *                        today plus the supplier's lead time)
 * @param purchaseOrderId the PO the date comes from, or null
 */
public record ExpectedSupply(LocalDate expectedDate, String basis, String purchaseOrderId) {

    public static final String PURCHASE_ORDER = "PURCHASE_ORDER";
    public static final String LEAD_TIME = "LEAD_TIME";
}
