package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** A case for this order line exists already; nothing was changed. */
public class DuplicateCaseException extends ProblemException {

    public DuplicateCaseException(String caseId) {
        super(HttpStatus.CONFLICT, "duplicate-case", "a backorder case for order line " + caseId + " exists already");
    }
}
