package io.backorderengine.inventory;

import java.time.LocalDate;

/** Create or change a purchase order; {@code status} is OPEN (expected) or CLOSED (delivered or cancelled). */
public record PurchaseOrderCommand(String purchaseOrderId, String sku, String supplierId, int quantity,
                                   LocalDate expectedDate, String status) {
}
