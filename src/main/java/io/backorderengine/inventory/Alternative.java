package io.backorderengine.inventory;

import java.math.BigDecimal;

/** An in-stock product that can stand in for a backordered one. */
public record Alternative(String sku, String name, BigDecimal unitPrice) {}
