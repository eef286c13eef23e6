package io.backorderengine.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Open supply: what suppliers are expected to deliver, and when. */
@Repository
class PurchaseOrders {

    private static final RecordRows<PurchaseOrder> PURCHASE_ORDER_ROWS = RecordRows.of(PurchaseOrder.class);
    private static final RecordRows<OpenSupply> OPEN_SUPPLY_ROWS = RecordRows.of(OpenSupply.class);

    record PurchaseOrder(
            String purchaseOrderId,
            String sku,
            String supplierId,
            int quantity,
            LocalDate expectedDate,
            PurchaseOrderStatus status) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    PurchaseOrders(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<PurchaseOrder> find(String purchaseOrderId) {
        return jdbc.sql("""
                        select purchase_order_id, sku, supplier_id, quantity, expected_date, status
                        from purchase_order where purchase_order_id = ?""").param(purchaseOrderId).query(PURCHASE_ORDER_ROWS).optional();
    }

    Optional<PurchaseOrder> lock(String purchaseOrderId) {
        return jdbc.sql("""
                        select purchase_order_id, sku, supplier_id, quantity, expected_date, status
                        from purchase_order where purchase_order_id = ? for update""").param(purchaseOrderId).query(PURCHASE_ORDER_ROWS).optional();
    }

    void insert(PurchaseOrder po) {
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                        insert into purchase_order
                        (purchase_order_id, sku, supplier_id, quantity, expected_date, first_expected_date, status,
                         created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        po.purchaseOrderId(),
                        po.sku(),
                        po.supplierId(),
                        po.quantity(),
                        po.expectedDate(),
                        po.expectedDate(),
                        po.status().name(),
                        now,
                        now)
                .update();
    }

    void update(PurchaseOrder po) {
        jdbc.sql("""
                        update purchase_order set sku = ?, supplier_id = ?, quantity = ?, expected_date = ?,
                        status = ?, updated_at = ? where purchase_order_id = ?""")
                .params(
                        po.sku(),
                        po.supplierId(),
                        po.quantity(),
                        po.expectedDate(),
                        po.status().name(),
                        LocalDateTime.now(clock),
                        po.purchaseOrderId())
                .update();
    }

    /** Supply still to come for a SKU: open purchase orders with what is not yet received, earliest first. */
    record OpenSupply(String purchaseOrderId, LocalDate expectedDate, int openQuantity) {}

    List<OpenSupply> open(String sku) {
        return jdbc.sql("""
                        select purchase_order_id, expected_date, quantity - quantity_received as open_quantity
                        from purchase_order where sku = ? and status = ? and quantity > quantity_received
                        order by expected_date, purchase_order_id""")
                .params(sku, PurchaseOrderStatus.OPEN.name())
                .query(OPEN_SUPPLY_ROWS)
                .list();
    }

    int openQuantity(String sku) {
        return open(sku).stream().mapToInt(OpenSupply::openQuantity).sum();
    }

    /**
     * Books units received against a purchase order; it closes when all has arrived, and the time the last
     * units came is kept as its receipt date (what the supplier truth and learned lead times measure).
     */
    void receive(String purchaseOrderId, int units) {
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                        update purchase_order set quantity_received = least(quantity, quantity_received + ?),
                        status = case when quantity_received + ? >= quantity then 'CLOSED' else status end,
                        received_at = case when received_at is null and quantity_received + ? >= quantity then ?
                                      else received_at end,
                        updated_at = ?
                        where purchase_order_id = ?""").params(units, units, units, now, now, purchaseOrderId).update();
    }

    boolean supplierExists(String supplierId) {
        return jdbc.sql("select count(*) from supplier where supplier_id = ?")
                        .param(supplierId)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
