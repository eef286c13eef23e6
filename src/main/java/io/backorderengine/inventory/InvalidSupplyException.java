package io.backorderengine.inventory;

/** A purchase order that names something the catalog does not know (a SKU or supplier), or an invalid state. */
public class InvalidSupplyException extends RuntimeException {

    private final String field;

    public InvalidSupplyException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
