package io.backorderengine.webhook;

import java.time.LocalDateTime;

import io.backorderengine.backorder.OutcomeType;

/**
 * One event's calls to one subscriber, as operators see them.
 *
 * @param attempts      calls made so far
 * @param nextAttemptAt when a pending delivery is tried (again)
 * @param lastStatus    the receiver's HTTP status at the last call, or null when no answer came
 * @param lastError     what went wrong at the last call, if it failed
 */
record Delivery(
        long deliveryId,
        String eventId,
        OutcomeType type,
        String caseId,
        long position,
        DeliveryState state,
        int attempts,
        LocalDateTime nextAttemptAt,
        Integer lastStatus,
        String lastError,
        LocalDateTime deliveredAt) {}
