package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** A decision that the case cannot take in its current state (closed, already decided, stock gone). */
public class DecisionRefusedException extends ProblemException {

    private final DecisionRefusal reason;

    public DecisionRefusedException(DecisionRefusal reason, String message) {
        super(HttpStatus.CONFLICT, reason.code(), message);
        this.reason = reason;
    }

    public DecisionRefusal reason() {
        return reason;
    }
}
