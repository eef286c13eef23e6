package io.backorderengine.webhook;

import io.backorderengine.system.ProblemException;

/** A subscriber field Bean Validation cannot judge alone (the URL's scheme and parts). */
class InvalidSubscriberException extends ProblemException {

    InvalidSubscriberException(String field, String message) {
        super(field, message);
    }
}
