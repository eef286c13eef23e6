package io.backorderengine.inventory;

/**
 * An order line's stock reckoned from its product's counts read without the row lock
 * ({@link Inventory#foreseeOrderLine}): what it gets once {@link Inventory#confirmOrderLines} finds the counts
 * still give it that, and what that check compares with.
 */
public final class ForeseenLine {

    final String sku;
    final int quantity;
    final LineStock taken;
    /** What open supply allows to wait (a SKU without a cap of its own), as read; 0 when not needed. */
    final int capBasis;
    /** Units that could still wait when read; what a refusal says and the check compares with. */
    final int room;

    ForeseenLine(String sku, int quantity, LineStock taken, int capBasis, int room) {
        this.sku = sku;
        this.quantity = quantity;
        this.taken = taken;
        this.capBasis = capBasis;
        this.room = room;
    }

    /** Units reserved, units waiting, and the refusal, once confirmed. */
    public LineStock taken() {
        return taken;
    }
}
