package io.backorderengine.order;

/** The order id was used before for a different order. */
class OrderConflictException extends RuntimeException {

    OrderConflictException(String orderId) {
        super("order " + orderId + " was placed before with different content; nothing was changed");
    }
}
