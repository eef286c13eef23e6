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

    List<String> existing(Collection<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select sku from product where sku in (:skus)")
                .param("skus", skus)
                .query(String.class)
                .list();
    }

    void setOnHand(String sku, int onHand) {
        jdbc.sql("update product set on_hand = ? where sku = ?")
                .params(onHand, sku)
                .update();
    }

    /** The SKU's own backorder cap, or null when the default rule applies. */
    Integer backorderCap(String sku) {
        List<Integer> caps = jdbc.sql("select backorder_cap from product where sku = ?")
                .param(sku)
                .query((row, n) -> (Integer) row.getObject(1, Integer.class))
                .list();
        return caps.isEmpty() ? null : caps.get(0);
    }

    Supply supply(String sku) {
        return jdbc.sql("""
                        select p.on_hand, s.supplier_id, s.lead_time_days from product p join supplier s on s.supplier_id = p.supplier_id
                        where p.sku = ?""").param(sku).query(SUPPLY_ROWS).single();
    }
}
