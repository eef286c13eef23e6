package io.backorderengine.backorder;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** No backorder case with that id. */
public class CaseNotFoundException extends ProblemException {

    public CaseNotFoundException(String caseId) {
        super(HttpStatus.NOT_FOUND, "case-not-found", "no backorder case " + caseId);
    }
}
