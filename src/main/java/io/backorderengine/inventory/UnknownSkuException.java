package io.backorderengine.inventory;

/** A SKU that is not in the catalog. */
public class UnknownSkuException extends RuntimeException {

    private final String sku;

    public UnknownSkuException(String sku) {
        super("unknown SKU: " + sku);
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
