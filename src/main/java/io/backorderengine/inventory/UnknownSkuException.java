package io.backorderengine.inventory;

import io.backorderengine.system.ProblemException;

/** A SKU that is not in the catalog. */
public class UnknownSkuException extends ProblemException {

    private final String sku;

    public UnknownSkuException(String sku) {
        super("sku", "unknown SKU: " + sku);
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
