package io.backorderengine.backorder.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.CaseSummary;
import io.backorderengine.system.ListPage;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Finds cases by what a shop or an agent knows about them, newest first, a page at a time. */
@Component
public class CaseSearch {

    private static final RecordRows<CaseSummary> SUMMARY_ROWS = RecordRows.of(CaseSummary.class);
    /** A case that waited past its limit has an ESCALATED entry in its ledger. */
    private static final String ESCALATED =
            "exists (select 1 from case_ledger l where l.case_id = c.case_id and l.kind = :escalatedKind)";

    /**
     * Every filter is optional; those given must all hold.
     *
     * @param waitingLongerThanDays open cases opened more than this many days ago
     * @param escalated             true: open cases that went to a supervisor; false: those that did not
     */
    public record Filter(
            CaseStatus status,
            String sku,
            String orderId,
            String customerEmail,
            Integer waitingLongerThanDays,
            Boolean escalated) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseSearch(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public ListPage<CaseSummary> find(Filter filter, int page, int size) {
        List<String> where = new ArrayList<>();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("escalatedKind", CaseLedgerKind.ESCALATED.name())
                .addValue("open", CaseStatus.OPEN.name());
        if (filter.status() != null) {
            where.add("c.status = :status");
            params.addValue("status", filter.status().name());
        }
        if (filter.sku() != null) {
            where.add("c.sku = :sku");
            params.addValue("sku", filter.sku());
        }
        if (filter.orderId() != null) {
            where.add("c.order_id = :orderId");
            params.addValue("orderId", filter.orderId());
        }
        if (filter.customerEmail() != null) {
            where.add("c.customer_email = :email");
            params.addValue("email", filter.customerEmail());
        }
        if (filter.waitingLongerThanDays() != null) {
            where.add("c.status = :open and c.opened_at < :openedBefore");
            params.addValue("openedBefore", LocalDateTime.now(clock).minusDays(filter.waitingLongerThanDays()));
        }
        if (filter.escalated() != null) {
            where.add("c.status = :open and " + (filter.escalated() ? "" : "not ") + ESCALATED);
        }
        String sql = """
                select c.case_id, c.order_id, c.line_id, c.sku, c.quantity_short, c.status, c.customer_id,
                       c.customer_email, c.priority, c.opened_at, c.closed_at,
                       (select p.expected_date from case_promise p where p.case_id = c.case_id
                        order by p.promise_id desc fetch first 1 rows only) as expected_date,
                       case when %s then true else false end as escalated
                from backorder_case c %s
                order by c.opened_at desc, c.case_id
                offset %d rows fetch next %d rows only""".formatted(
                ESCALATED, where.isEmpty() ? "" : "where " + String.join(" and ", where), (long) page * size, size + 1);
        return ListPage.of(jdbc.sql(sql).paramSource(params).query(SUMMARY_ROWS).list(), page, size);
    }
}
