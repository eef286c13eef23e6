package io.backorderengine.inventory;

import java.math.BigDecimal;

/** A catalog entry as other modules see it. */
public record Product(String sku, String name, String category, BigDecimal unitPrice, int onHand) {}
