package io.backorderengine.order;

import java.time.LocalDateTime;

/**
 * An order as a list shows it; {@code GET /api/orders/{orderId}} has its lines.
 *
 * @param backorderedLines lines with units waiting in a backorder case
 * @param refusedLines     lines whose shortfall could not be backordered
 */
record OrderSummary(
        String orderId, String customerId, LocalDateTime placedAt, int lines, int backorderedLines, int refusedLines) {}
