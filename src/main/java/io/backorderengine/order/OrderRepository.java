package io.backorderengine.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code customer_order} and {@code order_line} tables. */
@Repository
class OrderRepository {

    private static final RecordRows<OrderRow> ORDER_ROW_ROWS = RecordRows.of(OrderRow.class);
    private static final RecordRows<LineRow> LINE_ROW_ROWS = RecordRows.of(LineRow.class);
    private static final RecordRows<OrderSummary> ORDER_SUMMARY_ROWS = RecordRows.of(OrderSummary.class);

    private record OrderRow(
            String orderId,
            String requestHash,
            String customerId,
            String customerName,
            String customerEmail,
            String customerPhone,
            String customerTier,
            String customerLanguage,
            String customerTimeZone,
            LocalDateTime placedAt) {}

    private record LineRow(
            String lineId,
            String sku,
            int quantity,
            int quantityReserved,
            int quantityBackordered,
            LineOutcome outcome,
            String caseId,
            String refusalReason) {}

    record StoredOrder(String requestHash, OrderView view) {}

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Fails with a duplicate key when the order id is taken; a concurrent insert waits for the first to end. */
    void insertOrder(PlaceOrderRequest order, String requestHash, LocalDateTime placedAt) {
        jdbc.sql("""
                        insert into customer_order (order_id, request_hash, customer_id, customer_name, customer_email,
                        customer_phone, customer_tier, customer_language, customer_time_zone, placed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        order.orderId(),
                        requestHash,
                        order.customer().id(),
                        order.customer().name(),
                        order.customer().email(),
                        order.customer().phone(),
                        order.customer().tier().name(),
                        order.customer().languageOrDefault(),
                        order.customer().timeZoneOrDefault(),
                        placedAt)
                .update();
    }

    void insertLine(
            String orderId,
            int lineNo,
            PlaceOrderRequest.Line line,
            int reserved,
            int backordered,
            BigDecimal unitPrice,
            LineOutcome outcome,
            String caseId,
            String refusalReason) {
        jdbc.sql("""
                        insert into order_line (order_id, line_id, line_no, sku, quantity, quantity_reserved,
                        quantity_backordered, unit_price, outcome, case_id, refusal_reason)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        orderId,
                        line.lineId(),
                        lineNo,
                        line.sku(),
                        line.quantity(),
                        reserved,
                        backordered,
                        unitPrice,
                        outcome.name(),
                        caseId,
                        refusalReason)
                .update();
    }

    /** A customer's orders, newest first: {@code limit} from {@code offset}. */
    List<OrderSummary> byCustomer(String customerId, long offset, int limit) {
        return jdbc.sql("""
                        select o.order_id, o.customer_id, o.placed_at,
                               (select count(*) from order_line l where l.order_id = o.order_id) as lines,
                               (select count(*) from order_line l where l.order_id = o.order_id
                                and l.quantity_backordered > 0) as backordered_lines,
                               (select count(*) from order_line l where l.order_id = o.order_id
                                and l.outcome in (:refused)) as refused_lines
                        from customer_order o where o.customer_id = :customer
                        order by o.placed_at desc, o.order_id
                        offset %d rows fetch next %d rows only""".formatted(offset, limit))
                .param("customer", customerId)
                .param("refused", List.of(LineOutcome.REFUSED.name(), LineOutcome.PARTIALLY_REFUSED.name()))
                .query(ORDER_SUMMARY_ROWS)
                .list();
    }

    Optional<StoredOrder> find(String orderId) {
        return jdbc.sql("""
                        select order_id, request_hash, customer_id, customer_name, customer_email, customer_phone,
                        customer_tier, customer_language, customer_time_zone, placed_at
                        from customer_order where order_id = ?""")
                .param(orderId)
                .query(ORDER_ROW_ROWS)
                .optional()
                .map(o -> new StoredOrder(
                        o.requestHash(),
                        new OrderView(
                                o.orderId(),
                                new OrderView.Customer(
                                        o.customerId(),
                                        o.customerName(),
                                        o.customerEmail(),
                                        o.customerPhone(),
                                        o.customerTier(),
                                        o.customerLanguage(),
                                        o.customerTimeZone()),
                                o.placedAt(),
                                lines(orderId))));
    }

    private List<OrderView.Line> lines(String orderId) {
        return jdbc.sql("""
                        select line_id, sku, quantity, quantity_reserved, quantity_backordered, outcome, case_id, refusal_reason
                        from order_line where order_id = ? order by line_no""").param(orderId).query(LINE_ROW_ROWS).list().stream()
                .map(l -> new OrderView.Line(
                        l.lineId(),
                        l.sku(),
                        l.quantity(),
                        l.quantityReserved(),
                        l.quantityBackordered(),
                        l.outcome(),
                        l.caseId(),
                        l.caseId() == null ? null : "/api/backorders/" + l.caseId(),
                        l.refusalReason()))
                .toList();
    }
}
