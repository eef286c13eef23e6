package io.backorderengine.backorder;

import java.util.Arrays;
import java.util.Optional;

/** The policy tables in {@code processes/} that analysts own, by the decision key the engine knows them by. */
public enum PolicyTable {
    OFFER("offer-policy"),
    ALLOCATION("allocation-priority"),
    WAITING("waiting-policy"),
    ESCALATION("escalation-policy"),
    DATE_CHANGE("date-change-policy"),
    TASKS("task-policy");

    private final String key;

    PolicyTable(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<PolicyTable> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
