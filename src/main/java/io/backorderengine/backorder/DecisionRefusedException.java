package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** A decision that the case cannot take in its current state (closed, already decided, stock gone). */
public class DecisionRefusedException extends ProblemException {

    private final String reason;

    public DecisionRefusedException(String reason, String message) {
        super(HttpStatus.CONFLICT, reason, message);
        this.reason = reason;
    }

    /** A short code: {@code case-closed}, {@code already-decided}, {@code already-allocated}, {@code alternative-unavailable}. */
    public String reason() {
        return reason;
    }
}
