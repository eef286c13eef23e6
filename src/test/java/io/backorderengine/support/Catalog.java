package io.backorderengine.support;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Arranges catalog data for a test with SKUs and ids of its own, so tests sharing one database do
 * not see each other's stock. There is no catalog API yet: this writes the tables directly.
 */
@TestComponent
public class Catalog {

    private final JdbcClient jdbc;
    private final Clock clock;

    Catalog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Today as the application sees it (never the machine's date: see {@code TestProbes#testClock}). */
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** A fresh id with a readable prefix, e.g. {@code ORD-3f2a9c1b}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A supplier with the given lead time; returns its id. */
    public String supplier(int leadTimeDays) {
        String id = unique("SUP");
        jdbc.sql("insert into supplier (supplier_id, name, lead_time_days) values (?, ?, ?)")
                .params(id, "Supplier " + id, leadTimeDays)
                .update();
        return id;
    }

    /**
     * A product with stock on hand and a supplier with the given lead time; returns its SKU. It has a
     * category of its own, so no other test's product is offered as an alternative by attributes, and
     * a backorder cap of its own that tests rarely reach ({@link #backorderCap} changes it).
     */
    public String product(String name, String price, int onHand, int leadTimeDays) {
        return product(name, price, onHand, leadTimeDays, unique("category"));
    }

    public String product(String name, String price, int onHand, int leadTimeDays, String category) {
        String sku = unique("SKU");
        jdbc.sql("""
                        insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                        values (?, ?, ?, ?, ?, ?, 10000)""")
                .params(sku, name, category, new BigDecimal(price), supplier(leadTimeDays), onHand)
                .update();
        return sku;
    }

    /** Gives a SKU a backorder cap of its own; null for the default rule (open supply plus the margin). */
    public void backorderCap(String sku, Integer cap) {
        jdbc.sql("update product set backorder_cap = ? where sku = ?")
                .params(cap, sku)
                .update();
    }

    public String product(int onHand) {
        return product("Test product", "20.00", onHand, 10);
    }

    public void substitute(String sku, String substituteSku) {
        jdbc.sql("insert into substitute (sku, substitute_sku) values (?, ?)")
                .params(sku, substituteSku)
                .update();
    }

    public String supplierOf(String sku) {
        return jdbc.sql("select supplier_id from product where sku = ?")
                .param(sku)
                .query(String.class)
                .single();
    }

    public void purchaseOrder(String id, String sku, int quantity, LocalDate expected) {
        jdbc.sql("""
                        insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, expected_date, status,
                        created_at, updated_at) values (?, ?, ?, ?, ?, 'OPEN', current_timestamp, current_timestamp)""").params(id, sku, supplierOf(sku), quantity, expected).update();
    }

    public int onHand(String sku) {
        return jdbc.sql("select on_hand from product where sku = ?")
                .param(sku)
                .query(Integer.class)
                .single();
    }

    /** Units held for a case by receipts or as its alternative, not released. */
    public int heldFor(String caseId, String source) {
        return jdbc.sql("""
                        select coalesce(sum(quantity), 0) from reservation
                        where case_id = ? and source = ? and released_at is null""").params(caseId, source).query(Integer.class).single();
    }

    /** Units reserved at intake for an order line. */
    public int reservedAtIntake(String orderId, String lineId) {
        return jdbc.sql("""
                        select coalesce(sum(quantity), 0) from reservation
                        where order_id = ? and line_id = ? and source = 'INTAKE' and released_at is null""").params(orderId, lineId).query(Integer.class).single();
    }

    public int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }
}
