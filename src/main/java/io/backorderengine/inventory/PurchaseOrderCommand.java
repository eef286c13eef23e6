package io.backorderengine.inventory;

import java.time.LocalDate;

/** Create or change a purchase order. */
public record PurchaseOrderCommand(
        String purchaseOrderId,
        String sku,
        String supplierId,
        int quantity,
        LocalDate expectedDate,
        PurchaseOrderStatus status) {}
