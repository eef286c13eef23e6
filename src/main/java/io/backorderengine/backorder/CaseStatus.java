package io.backorderengine.backorder;

/** Where a case stands, as stored in {@code backorder_case.status}. */
public enum CaseStatus {
    /** Waiting for stock or a decision. */
    OPEN,
    /** The backordered quantity was allocated and ships. */
    FULFILLED,
    /** The customer took an in-stock alternative. */
    ALTERNATIVE_ACCEPTED,
    /** Cancelled by the customer, an agent or a supervisor. */
    CANCELLED;

    public boolean closed() {
        return this != OPEN;
    }
}
