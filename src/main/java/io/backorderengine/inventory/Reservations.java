package io.backorderengine.inventory;

import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Units held for an order line or a backorder case. */
@Repository
class Reservations {

    private static final String INSERT = """
            insert into reservation (sku, quantity, order_id, line_id, case_id, source, receipt_id, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    Reservations(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    /** Units of stock held for an order line as the order comes in. */
    void holdForOrderLine(String sku, int quantity, String orderId, String lineId) {
        insert(sku, quantity, orderId, lineId, null, ReservationSource.INTAKE, null);
    }

    /** Units held for a backorder case: allocated from a receipt, or the alternative it switched to. */
    void holdForCase(String sku, int quantity, String caseId, ReservationSource source, String receiptId) {
        insert(sku, quantity, null, null, caseId, source, receiptId);
    }

    /** Units allocated to waiting cases from arriving or released stock ({@code receiptId} null for a release). */
    void holdAllocated(List<StockAllocated> allocations, String receiptId) {
        LocalDateTime now = LocalDateTime.now(clock);
        batch.batchUpdate(INSERT, allocations, allocations.size(), (statement, allocation) -> {
            statement.setString(1, allocation.sku());
            statement.setInt(2, allocation.quantity());
            statement.setNull(3, Types.VARCHAR);
            statement.setNull(4, Types.VARCHAR);
            statement.setString(5, allocation.caseId());
            statement.setString(6, ReservationSource.RECEIPT.name());
            statement.setString(7, receiptId);
            statement.setObject(8, now);
        });
    }

    private void insert(
            String sku,
            int quantity,
            String orderId,
            String lineId,
            String caseId,
            ReservationSource source,
            String receiptId) {
        jdbc.sql(INSERT)
                .params(sku, quantity, orderId, lineId, caseId, source.name(), receiptId, LocalDateTime.now(clock))
                .update();
    }

    /** Units receipts allocated to the case and still held for it. */
    int allocatedTo(String caseId) {
        return jdbc.sql("""
                        select coalesce(sum(quantity), 0) from reservation
                        where case_id = ? and source = ? and released_at is null""")
                .params(caseId, ReservationSource.RECEIPT.name())
                .query(Integer.class)
                .single();
    }

    /** Releases what receipts allocated to the case; returns the number of units freed. */
    int releaseAllocations(String caseId) {
        int units = jdbc.sql("""
                        select coalesce(sum(quantity), 0) from reservation
                        where case_id = ? and source = ? and released_at is null""")
                .params(caseId, ReservationSource.RECEIPT.name())
                .query(Integer.class)
                .single();
        jdbc.sql("update reservation set released_at = ? where case_id = ? and source = ? and released_at is null")
                .params(LocalDateTime.now(clock), caseId, ReservationSource.RECEIPT.name())
                .update();
        return units;
    }
}
