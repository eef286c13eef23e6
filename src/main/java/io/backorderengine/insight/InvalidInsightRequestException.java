package io.backorderengine.insight;

import io.backorderengine.system.ProblemException;

/** A request for insights refused: the parameter at fault and why (400). */
class InvalidInsightRequestException extends ProblemException {

    InvalidInsightRequestException(String field, String message) {
        super(field, message);
    }
}
