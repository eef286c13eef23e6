package io.backorderengine.order;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** The order id was used before for a different order. */
class OrderConflictException extends ProblemException {

    OrderConflictException(String orderId) {
        super(
                HttpStatus.CONFLICT,
                "order-conflict",
                "order " + orderId + " was placed before with different content; nothing was changed");
    }
}
