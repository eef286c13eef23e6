package io.backorderengine.inventory;

import java.time.LocalDate;

/** A purchase order as stored, and whether this call created it. */
public record PurchaseOrderResult(
        String purchaseOrderId,
        String sku,
        String supplierId,
        int quantity,
        LocalDate expectedDate,
        PurchaseOrderStatus status,
        boolean created) {}
