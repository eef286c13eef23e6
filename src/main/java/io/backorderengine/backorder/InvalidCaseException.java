package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;

/** Input for a case (a decision, or the variables of a start through the engine's REST API) that is not valid. */
public class InvalidCaseException extends ProblemException {

    private final String field;

    /** The message is {@code <field>: <message>}. */
    public InvalidCaseException(String field, String message) {
        super(field, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
