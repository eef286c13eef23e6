package io.backorderengine.backorder;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One outcome of a case as the feed and webhooks carry it.
 *
 * @param eventId  unique and stable: a receiver that sees it twice has seen the same outcome
 * @param position its place in the feed: a reader asks for what comes after the last one it saw
 * @param data     the facts to act on, per {@link OutcomeType}
 */
public record CaseOutcome(
        String eventId,
        long position,
        OutcomeType type,
        LocalDateTime occurredAt,
        String orderId,
        String lineId,
        String caseId,
        Map<String, Object> data) {}
