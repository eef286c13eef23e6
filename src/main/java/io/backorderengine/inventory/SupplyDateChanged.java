package io.backorderengine.inventory;

import java.time.LocalDate;

/** Open supply for a SKU changed (new purchase order, new date): waiting cases may need a new promise. */
public record SupplyDateChanged(String sku, String purchaseOrderId, LocalDate previousDate, LocalDate expectedDate) {
}
