package io.backorderengine.inventory;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** An id that was used before with different content (a receipt or purchase order id reused). */
public class ConflictingRequestException extends ProblemException {

    public ConflictingRequestException(String message) {
        super(HttpStatus.CONFLICT, "conflicting-request", message);
    }
}
