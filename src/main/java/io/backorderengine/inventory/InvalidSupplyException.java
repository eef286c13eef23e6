package io.backorderengine.inventory;

import io.backorderengine.system.ProblemException;

/** A purchase order that names something the catalog does not know (a SKU or supplier), or an invalid state. */
public class InvalidSupplyException extends ProblemException {

    public InvalidSupplyException(String field, String message) {
        super(field, message);
    }
}
