package io.backorderengine.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An error a module raises for its caller to see: it carries its own problem (status, type, detail and,
 * for bad input, the field), so no controller maps it and every API answers it the same way
 * ({@link ApiExceptionHandler}). The message is the problem's detail.
 */
public abstract class ProblemException extends ErrorResponseException {

    /** A problem about the request as a whole, e.g. 409 {@code order-conflict}. */
    protected ProblemException(HttpStatus status, String type, String detail) {
        super(status, Problems.of(status, type, detail), null);
    }

    /** A field of the request that is wrong: 400 {@code invalid-request} naming it. */
    protected ProblemException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, Problems.invalid(field, message), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
