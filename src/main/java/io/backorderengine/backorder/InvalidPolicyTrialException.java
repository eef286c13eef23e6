package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;

/** A trial refused: the field at fault and why (400). Nothing was evaluated. */
public class InvalidPolicyTrialException extends ProblemException {

    public InvalidPolicyTrialException(String field, String message) {
        super(field, message);
    }
}
