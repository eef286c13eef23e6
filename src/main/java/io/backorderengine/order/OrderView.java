package io.backorderengine.order;

import java.time.LocalDateTime;
import java.util.List;

/** An order and what happened to each line, as {@code /api/orders} answers it. */
record OrderView(String orderId, Customer customer, LocalDateTime placedAt, List<Line> lines) {

    record Customer(
            String id, String name, String email, String phone, String tier, String language, String timeZone) {}

    /**
     * @param outcome       what intake did with the line
     * @param caseId        the backorder case for the short quantity, or null
     * @param caseUrl       where to follow the case, or null
     * @param refusalReason why the shortfall was not backordered, or null
     */
    record Line(
            String lineId,
            String sku,
            int quantity,
            int quantityReserved,
            int quantityBackordered,
            LineOutcome outcome,
            String caseId,
            String caseUrl,
            String refusalReason) {}
}
