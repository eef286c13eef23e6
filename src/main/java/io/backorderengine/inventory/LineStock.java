package io.backorderengine.inventory;

/**
 * What an order line got from {@link Inventory#takeForOrderLine}: units reserved from the shelf, units now
 * waiting in the SKU's line, and, when the rest may not wait, why (the backorder cap), else null.
 */
public record LineStock(int reserved, int waiting, String refusal) {

    public boolean refused() {
        return refusal != null;
    }
}
