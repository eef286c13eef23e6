package io.backorderengine.backorder;

/** A case for this order line exists already; nothing was changed. */
public class DuplicateCaseException extends RuntimeException {

    public DuplicateCaseException(String caseId) {
        super("a backorder case for order line " + caseId + " exists already");
    }
}
