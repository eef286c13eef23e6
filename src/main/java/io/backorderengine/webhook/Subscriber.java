package io.backorderengine.webhook;

import java.time.LocalDateTime;
import java.util.Set;

import io.backorderengine.backorder.OutcomeType;

/**
 * An order system's endpoint for outcomes, as administrators see it (never with its secret).
 *
 * @param eventTypes the outcomes it is sent
 * @param active     whether it is called; a paused subscriber's events wait for it
 * @param deliveries how its calls stand
 */
record Subscriber(
        String subscriberId,
        String url,
        Set<OutcomeType> eventTypes,
        String description,
        boolean active,
        LocalDateTime createdAt,
        DeliveryStats deliveries) {

    /**
     * @param pending       events not yet delivered (waiting for their turn or their next try)
     * @param dead          events given up after every try (see {@code /deliveries?state=DEAD})
     * @param lastDelivered when a call last succeeded
     * @param lastFailure   the newest failed try still waiting for its next attempt or dead, if any
     */
    record DeliveryStats(long pending, long dead, LocalDateTime lastDelivered, Failure lastFailure) {}

    /** @param status the receiver's HTTP status, or null when no answer came (refused, timed out) */
    record Failure(LocalDateTime at, Integer status, String error) {}
}
