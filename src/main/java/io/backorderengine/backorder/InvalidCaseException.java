package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;

/** Input for a case (a decision, or the variables of a start through the engine's REST API) that is not valid. */
public class InvalidCaseException extends ProblemException {

    private final String field;

    private final String reason;

    /** The message is {@code <field>: <reason>}. */
    public InvalidCaseException(String field, String reason) {
        super(field, reason);
        this.field = field;
        this.reason = reason;
    }

    /** What is wrong with the field, without its name. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
