package io.backorderengine.backorder;

/** How a decision reached the case; all but a supervisor's cancellation pass on the customer's own choice. */
public enum DecisionChannel {
    /** The customer, through the link in an email. */
    CUSTOMER_PAGE,
    /** An order system's API call for the customer (the shop's account page). */
    API,
    /** An agent who reached the customer. */
    AGENT,
    /** A supervisor resolving an escalation. */
    SUPERVISOR;

    /** Whether the customer asked for it (a cancellation email then says "at your request"). */
    public boolean customersChoice() {
        return this != SUPERVISOR;
    }
}
