package io.backorderengine.backorder;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a customer (or an agent on their behalf) decided about a backorder. */
public enum CustomerDecision {
    WAIT,
    ALTERNATIVE,
    CANCEL;

    /** The lower-case name used in the API, in process variables, in forms and in links. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The decision a code names (in any case), or empty for anything else: callers answer the refusal. */
    public static Optional<CustomerDecision> ofCode(String code) {
        return Arrays.stream(values())
                .filter(d -> d.code().equalsIgnoreCase(code))
                .findFirst();
    }
}
