package io.backorderengine.backorder;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A case as a list shows it; {@code GET /api/backorders/{caseId}} has the rest.
 *
 * @param expectedDate the latest date promised, or null before the first promise
 * @param escalated    whether the case waited past its limit and went to a supervisor
 */
public record CaseSummary(
        String caseId,
        String orderId,
        String lineId,
        String sku,
        int quantityShort,
        CaseStatus status,
        String customerId,
        String customerEmail,
        int priority,
        LocalDateTime openedAt,
        LocalDateTime closedAt,
        LocalDate expectedDate,
        boolean escalated) {}
