package io.backorderengine.inventory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Stock receipts, recorded once per receipt id. */
@Repository
class Receipts {

    private static final RecordRows<Receipt> RECEIPT_ROWS = RecordRows.of(Receipt.class);
    private static final RecordRows<ReceiptResult.Allocation> ALLOCATION_ROWS =
            RecordRows.of(ReceiptResult.Allocation.class);

    record Receipt(String receiptId, String sku, int quantity) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Receipts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts the receipt; a concurrent or earlier insert of the same id fails on the primary key. */
    void record(String receiptId, String sku, int quantity, String purchaseOrderId) {
        jdbc.sql(
                        "insert into stock_receipt (receipt_id, sku, quantity, received_at, purchase_order_id) values (?, ?, ?, ?, ?)")
                .params(receiptId, sku, quantity, LocalDateTime.now(clock), purchaseOrderId)
                .update();
    }

    Optional<Receipt> find(String receiptId) {
        return jdbc.sql("select receipt_id, sku, quantity from stock_receipt where receipt_id = ?")
                .param(receiptId)
                .query(RECEIPT_ROWS)
                .optional();
    }

    /** The allocations a receipt made, in the order it made them. */
    List<ReceiptResult.Allocation> allocations(String receiptId) {
        return jdbc.sql("""
                        select case_id, quantity from reservation where receipt_id = ? and source = ?
                        order by reservation_id""")
                .params(receiptId, ReservationSource.RECEIPT.name())
                .query(ALLOCATION_ROWS)
                .list();
    }
}
