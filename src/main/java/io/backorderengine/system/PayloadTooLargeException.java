package io.backorderengine.system;

/** A request body over the configured limit. */
class PayloadTooLargeException extends RuntimeException {

    PayloadTooLargeException(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}
