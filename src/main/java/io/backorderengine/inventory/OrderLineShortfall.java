package io.backorderengine.inventory;

import java.time.LocalDateTime;

/**
 * An order line as intake hands it to {@link Inventory#takeForOrderLine}: what to reserve, and the case
 * the shortfall waits as, should there be one.
 */
public record OrderLineShortfall(
        String orderId,
        String lineId,
        String sku,
        int quantity,
        String caseId,
        LocalDateTime orderedAt,
        boolean shipComplete) {}
