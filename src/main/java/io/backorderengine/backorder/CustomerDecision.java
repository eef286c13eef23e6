package io.backorderengine.backorder;

import java.util.Locale;

/** What a customer (or an agent on their behalf) decided about a backorder. */
public enum CustomerDecision {
    WAIT,
    ALTERNATIVE,
    CANCEL;

    /** The lower-case name used in the API, in process variables and in forms. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
