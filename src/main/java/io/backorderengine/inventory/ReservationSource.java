package io.backorderengine.inventory;

/** Why units are held; stored by name in {@code reservation.source} (a CHECK lists them). */
enum ReservationSource {
    /** Reserved from stock when the order came in. */
    INTAKE,
    /** Allocated from a receipt (or a release) to a waiting case. */
    RECEIPT,
    /** Reserved for the alternative a customer chose. */
    ALTERNATIVE
}
