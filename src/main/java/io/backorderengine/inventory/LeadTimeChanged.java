package io.backorderengine.inventory;

import java.util.List;

/**
 * A supplier's lead time changed: the expected dates of shortfalls no purchase order covers move with
 * it. Published with the SKUs of that supplier that have cases waiting.
 */
public record LeadTimeChanged(String supplierId, int previousDays, int leadTimeDays, List<String> skus) {}
