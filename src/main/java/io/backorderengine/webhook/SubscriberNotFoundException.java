package io.backorderengine.webhook;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

class SubscriberNotFoundException extends ProblemException {

    SubscriberNotFoundException(String subscriberId) {
        super(HttpStatus.NOT_FOUND, "subscriber-not-found", "no webhook subscriber " + subscriberId);
    }
}
