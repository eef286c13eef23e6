package io.backorderengine.inventory;

import java.time.LocalDate;

/**
 * When a SKU is expected back, and why.
 *
 * @param basis           an open purchase order, or the supplier's lead time
 * @param purchaseOrderId the PO the date comes from, or null
 */
public record ExpectedSupply(LocalDate expectedDate, SupplyBasis basis, String purchaseOrderId) {}
