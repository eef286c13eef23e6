package io.backorderengine.backorder;

/** What an order system hears about a case and must act on (the feed and webhooks carry these). */
public enum OutcomeType {
    /** The line waits: {@code quantityShort}, {@code expectedDate}. */
    BACKORDERED,
    /** A new expected date: {@code expectedDate}, {@code previousDate}, {@code customerTold}. */
    DATE_CHANGED,
    /** The customer gets a discount on the line for the wait: {@code discountPercent}. */
    DISCOUNT_GRANTED,
    /** Units arrived for the case and ship now, more still wait: {@code quantity}, {@code remaining}. */
    PARTIALLY_ALLOCATED,
    /** The rest arrived: ship {@code quantity}; the case is fulfilled. */
    ALLOCATED,
    /** The customer took {@code alternativeSku} instead: ship {@code quantity} of it at {@code unitPrice}. */
    SUBSTITUTED,
    /** The line will not ship: {@code reason}, {@code refundAmount} (the short units at the price paid). */
    CANCELLED,
    /** A supervisor looks at the case now: {@code level}. */
    ESCALATED,
    /** A step an analyst added to the lifecycle tells the order system the case reached it: {@code milestone}. */
    MILESTONE
}
