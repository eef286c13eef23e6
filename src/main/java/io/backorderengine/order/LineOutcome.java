package io.backorderengine.order;

/** What intake did with an order line; stored by name in {@code order_line.outcome} (a CHECK lists them). */
enum LineOutcome {
    /** All of it was in stock and is reserved. */
    RESERVED,
    /** Part was reserved; a backorder case waits for the rest. */
    PARTIALLY_BACKORDERED,
    /** Nothing was in stock; a backorder case waits for all of it. */
    BACKORDERED,
    /** Part was reserved; the rest may not wait (see the refusal reason). */
    PARTIALLY_REFUSED,
    /** Nothing was in stock and the shortfall may not wait (see the refusal reason). */
    REFUSED;

    static LineOutcome of(int quantity, int reserved, boolean refused) {
        if (reserved == quantity) {
            return RESERVED;
        }
        if (refused) {
            return reserved == 0 ? REFUSED : PARTIALLY_REFUSED;
        }
        return reserved == 0 ? BACKORDERED : PARTIALLY_BACKORDERED;
    }
}
