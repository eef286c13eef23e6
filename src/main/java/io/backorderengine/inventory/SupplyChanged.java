package io.backorderengine.inventory;

import java.time.LocalDate;

/** Open supply for a SKU changed (a new purchase order, a new date or quantity, closed): waiting cases may need a new promise. */
public record SupplyChanged(String sku, String purchaseOrderId, LocalDate previousDate, LocalDate expectedDate) {}
