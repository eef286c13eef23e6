package io.backorderengine.backorder;

/** Input for a case (a decision, or the variables of a start through the engine's REST API) that is not valid. */
public class InvalidCaseException extends RuntimeException {

    private final String field;

    public InvalidCaseException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
