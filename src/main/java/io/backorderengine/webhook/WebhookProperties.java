package io.backorderengine.webhook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How outcomes are pushed to subscribers.
 *
 * @param pollInterval       how often every node queues new events and calls the receivers that are due
 * @param connectTimeout     a receiver that does not accept the connection within this has failed this try
 * @param callTimeout        a receiver that has not answered within this (from the start of the call) has
 *                           failed this try; the event is sent again later, so receivers must be idempotent
 *                           by event id anyway
 * @param maxConcurrentCalls calls in flight per node; a slow receiver holds at most these threads, never the
 *                           engine's
 * @param allowPlainHttp     whether subscriber URLs may be {@code http://} (the payload is signed, not
 *                           encrypted); off by default, on in the demo
 * @param keepDelivered      delivered calls are kept this long for operators to look at, then deleted
 * @param retry              when a failed call is tried again
 */
@ConfigurationProperties("backorder.webhooks")
record WebhookProperties(
        @DefaultValue("PT1S") Duration pollInterval,
        @DefaultValue("PT2S") Duration connectTimeout,
        @DefaultValue("PT10S") Duration callTimeout,
        @DefaultValue("4") int maxConcurrentCalls,
        @DefaultValue("false") boolean allowPlainHttp,
        @DefaultValue("P7D") Duration keepDelivered,
        @DefaultValue Retry retry) {

    WebhookProperties {
        if (maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("backorder.webhooks.max-concurrent-calls must be at least 1");
        }
        if (pollInterval.isNegative()
                || pollInterval.isZero()
                || callTimeout.isNegative()
                || callTimeout.isZero()
                || connectTimeout.isNegative()
                || connectTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "backorder.webhooks.poll-interval, connect-timeout and call-timeout must be positive");
        }
    }

    /**
     * The wait after the n-th failed try is {@code firstInterval * 2^(n-1)}, at most {@code maxInterval}; after
     * {@code maxAttempts} tries the delivery is DEAD. The defaults keep trying for about twelve hours.
     */
    record Retry(
            @DefaultValue("PT10S") Duration firstInterval,
            @DefaultValue("PT1H") Duration maxInterval,
            @DefaultValue("20") int maxAttempts) {

        Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("backorder.webhooks.retry.max-attempts must be at least 1");
            }
            if (firstInterval.isNegative() || firstInterval.isZero() || maxInterval.compareTo(firstInterval) < 0) {
                throw new IllegalArgumentException("backorder.webhooks.retry.first-interval must be positive and"
                        + " max-interval at least as long");
            }
        }

        /** The wait before the next try, after {@code failedAttempts} failed ones. */
        Duration after(int failedAttempts) {
            int doublings = Math.min(failedAttempts - 1, 30);
            Duration wait = firstInterval.multipliedBy(1L << doublings);
            return wait.compareTo(maxInterval) > 0 ? maxInterval : wait;
        }
    }

    /** How long a node may hold a delivery it is calling: well past the call's own deadline. */
    Duration lease() {
        return connectTimeout.plus(callTimeout).multipliedBy(2).plusSeconds(30);
    }
}
