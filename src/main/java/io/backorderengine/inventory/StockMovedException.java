package io.backorderengine.inventory;

/**
 * A product's counts no longer give a foreseen order line what it was reckoned to get (another order took the
 * last units or the last places in line meanwhile): the order's transaction is to be rolled back and placed
 * again under the products' locks ({@link Inventory#takeForOrderLine}). Nothing a caller sees.
 */
public class StockMovedException extends RuntimeException {

    StockMovedException(String sku) {
        super("the counts of " + sku + " moved while the order was written", null, false, false);
    }
}
