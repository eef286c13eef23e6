package io.backorderengine.backorder;

/**
 * Why a case cannot take a decision now. Its code is the last part of the problem type a refused
 * request is answered with, so callers can tell the reasons apart without reading the message.
 */
public enum DecisionRefusal {
    /** The case has ended (fulfilled, switched or cancelled). */
    CASE_CLOSED("case-closed"),
    /** An alternative or a cancellation was decided before and is being carried out. */
    ALREADY_DECIDED("already-decided"),
    /** Stock has been allocated to the case: it ships now. */
    ALREADY_ALLOCATED("already-allocated"),
    /** The alternative chosen is no longer in stock for the case's quantity. */
    ALTERNATIVE_UNAVAILABLE("alternative-unavailable");

    private final String code;

    DecisionRefusal(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
