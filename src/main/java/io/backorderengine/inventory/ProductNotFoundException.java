package io.backorderengine.inventory;

import io.backorderengine.system.ProblemException;
import org.springframework.http.HttpStatus;

/** No product with that SKU in the catalog (asked for by its address, so 404). */
class ProductNotFoundException extends ProblemException {

    ProductNotFoundException(String sku) {
        super(HttpStatus.NOT_FOUND, "product-not-found", "no product " + sku);
    }
}
