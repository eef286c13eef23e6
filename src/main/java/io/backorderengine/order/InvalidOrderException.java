package io.backorderengine.order;

import io.backorderengine.system.ProblemException;

/** An order that passed syntax checks but names something wrong, e.g. an unknown SKU. */
class InvalidOrderException extends ProblemException {

    InvalidOrderException(String field, String message) {
        super(field, message);
    }
}
