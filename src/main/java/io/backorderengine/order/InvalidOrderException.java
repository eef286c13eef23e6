package io.backorderengine.order;

/** An order that passed syntax checks but names something wrong, e.g. an unknown SKU. */
class InvalidOrderException extends RuntimeException {

    private final String field;

    InvalidOrderException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
