package io.backorderengine.inventory;

/** An id that was used before with different content (a receipt or purchase order id reused). */
public class ConflictingRequestException extends RuntimeException {

    public ConflictingRequestException(String message) {
        super(message);
    }
}
