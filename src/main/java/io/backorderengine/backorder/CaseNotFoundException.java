package io.backorderengine.backorder;

/** No backorder case with that id. */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String caseId) {
        super("no backorder case " + caseId);
    }
}
