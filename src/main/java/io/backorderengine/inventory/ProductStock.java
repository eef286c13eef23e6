package io.backorderengine.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The product table. Every change to {@code on_hand} happens while the caller holds the product's
 * row lock ({@link #lock}), so intake, receipts, decisions and releases for one SKU serialize there:
 * a receipt can never slip between "stock checked" and "case waiting".
 */
@Repository
class ProductStock {

    private static final RecordRows<Product> PRODUCT_ROWS = RecordRows.of(Product.class);
    private static final RecordRows<Supply> SUPPLY_ROWS = RecordRows.of(Supply.class);
    private static final RecordRows<Counts> COUNTS_ROWS = RecordRows.of(Counts.class);

    /** What the arithmetic of a reservation or a place in line needs of a SKU, read as it takes the row lock. */
    record Counts(int onHand, Integer backorderCap, int waitingUnits) {}

    /** What a SKU's expected dates start from: units on the shelf, and the supplier's lead time beyond open orders. */
    record Supply(int onHand, String supplierId, int leadTimeDays) {}

    private static final String COLUMNS = "sku, name, category, unit_price, on_hand";

    private final JdbcClient jdbc;

    ProductStock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Product> find(String sku) {
        return jdbc.sql("select " + COLUMNS + " from product where sku = ?")
                .param(sku)
                .query(PRODUCT_ROWS)
                .optional();
    }

    /** Locks the product row until the surrounding transaction ends. */
    Product lock(String sku) {
        return jdbc.sql("select " + COLUMNS + " from product where sku = ? for update")
                .param(sku)
                .query(PRODUCT_ROWS)
                .optional()
                .orElseThrow(() -> new UnknownSkuException(sku));
    }

    /**
     * Locks the product row until the surrounding transaction ends and reads its counts in the same
     * statement: every order for a hot SKU queues for this lock, so what is done under it is counted.
     */
    Counts lockCounts(String sku) {
        return counts(sku, " for update");
    }

    /** The counts as committed, without the row lock (an order line reckons from them, then confirms). */
    Counts counts(String sku) {
        return counts(sku, "");
    }

    private Counts counts(String sku, String locking) {
        return jdbc.sql("select on_hand, backorder_cap, waiting_units from product where sku = ?" + locking)
                .param(sku)
                .query(COUNTS_ROWS)
                .optional()
                .orElseThrow(() -> new UnknownSkuException(sku));
    }

    /**
     * Writes a foreseen line's counts in one update, which holds only if the row still gives the line what it
     * was reckoned to get: the shelf has all of it (or exactly the part reserved, when that was all there was),
     * and the line has room for the rest (or exactly the room it was refused for). An update waiting for
     * another order's lock checks that against the row that order committed; and, unlike {@code select ... for
     * update}, it does not wait for orders that only reference the row (their foreign keys).
     *
     * @return false when it does not hold; nothing changed
     */
    boolean takeIfUnchanged(ForeseenLine line) {
        LineStock taken = line.taken;
        int missing = line.quantity - taken.reserved();
        String shelf = taken.reserved() == line.quantity ? "on_hand >= :quantity" : "on_hand = :reserved";
        String inLine = missing == 0
                ? ""
                : taken.refused()
                        ? " and coalesce(backorder_cap, :capBasis) - waiting_units = :room"
                        : " and coalesce(backorder_cap, :capBasis) - waiting_units >= :missing";
        return jdbc.sql("update product set on_hand = on_hand - :reserved, waiting_units = waiting_units + :waiting "
                                + "where sku = :sku and " + shelf + inLine)
                        .param("sku", line.sku)
                        .param("quantity", line.quantity)
                        .param("reserved", taken.reserved())
                        .param("waiting", taken.waiting())
                        .param("missing", missing)
                        .param("capBasis", line.capBasis)
                        .param("room", line.room)
                        .update()
                == 1;
    }

    /** Sets both running counts at once; the caller holds the row lock ({@link #lockCounts}). */
    void setCounts(String sku, int onHand, int waitingUnits) {
        jdbc.sql("update product set on_hand = ?, waiting_units = ? where sku = ?")
                .params(onHand, waitingUnits, sku)
                .update();
    }

    List<Product> findAll(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from product where sku in (:skus)")
                .param("skus", skus)
                .query(PRODUCT_ROWS)
                .list();
    }

    void setOnHand(String sku, int onHand) {
        jdbc.sql("update product set on_hand = ? where sku = ?")
                .params(onHand, sku)
                .update();
    }

    /**
     * What is left on hand after serving the waiting line, and the units it served taken off the line's
     * running total, in one update of the locked row (not one per served case).
     */
    void setOnHandAfterServing(String sku, int onHand, int servedUnits) {
        jdbc.sql("update product set on_hand = ?, waiting_units = waiting_units - ? where sku = ?")
                .params(onHand, servedUnits, sku)
                .update();
    }

    Supply supply(String sku) {
        return jdbc.sql("""
                        select p.on_hand, s.supplier_id, s.lead_time_days from product p join supplier s on s.supplier_id = p.supplier_id
                        where p.sku = ?""").param(sku).query(SUPPLY_ROWS).single();
    }
}
