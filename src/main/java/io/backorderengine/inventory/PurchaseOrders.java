package io.backorderengine.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Open supply: what suppliers are expected to deliver, and when. */
@Repository
class PurchaseOrders {

    static final String OPEN = "OPEN";

    record PurchaseOrder(String purchaseOrderId, String sku, String supplierId, int quantity,
                         LocalDate expectedDate, String status) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    PurchaseOrders(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<PurchaseOrder> find(String purchaseOrderId) {
        return jdbc.sql("""
                        select purchase_order_id, sku, supplier_id, quantity, expected_date, status
                        from purchase_order where purchase_order_id = ?""")
                .param(purchaseOrderId).query(PurchaseOrder.class).optional();
    }

    Optional<PurchaseOrder> lock(String purchaseOrderId) {
        return jdbc.sql("""
                        select purchase_order_id, sku, supplier_id, quantity, expected_date, status
                        from purchase_order where purchase_order_id = ? for update""")
                .param(purchaseOrderId).query(PurchaseOrder.class).optional();
    }

    void insert(PurchaseOrder po) {
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                        insert into purchase_order
                        (purchase_order_id, sku, supplier_id, quantity, expected_date, status, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(po.purchaseOrderId(), po.sku(), po.supplierId(), po.quantity(), po.expectedDate(),
                        po.status(), now, now)
                .update();
    }

    void update(PurchaseOrder po) {
        jdbc.sql("""
                        update purchase_order set sku = ?, supplier_id = ?, quantity = ?, expected_date = ?,
                        status = ?, updated_at = ? where purchase_order_id = ?""")
                .params(po.sku(), po.supplierId(), po.quantity(), po.expectedDate(), po.status(),
                        LocalDateTime.now(clock), po.purchaseOrderId())
                .update();
    }

    /** The earliest open purchase order for the SKU that is not overdue. */
    Optional<PurchaseOrder> earliestOpen(String sku, LocalDate today) {
        return jdbc.sql("""
                        select purchase_order_id, sku, supplier_id, quantity, expected_date, status
                        from purchase_order where sku = ? and status = ? and expected_date >= ?
                        order by expected_date, purchase_order_id fetch first 1 rows only""")
                .params(sku, OPEN, today).query(PurchaseOrder.class).list().stream().findFirst();
    }

    boolean supplierExists(String supplierId) {
        return jdbc.sql("select count(*) from supplier where supplier_id = ?")
                .param(supplierId).query(Integer.class).single() > 0;
    }
}
