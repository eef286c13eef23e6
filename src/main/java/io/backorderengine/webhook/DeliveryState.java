package io.backorderengine.webhook;

/** Where one event stands with one subscriber (stored by name, CHECKed in {@code webhook_delivery}). */
enum DeliveryState {
    /** Not yet answered 2xx: due at its next attempt. */
    PENDING,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every try failed; an administrator may queue it again. */
    DEAD
}
