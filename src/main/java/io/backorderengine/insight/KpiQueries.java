package io.backorderengine.insight;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL behind the KPIs: one aggregate query per subject, each grouped by the same key, so the database
 * does the counting however many cases there are. Every query is a select.
 */
@Repository
class KpiQueries {

    /** Days between two timestamps or dates, written so that H2 and PostgreSQL read it alike. */
    private static final String DAYS = "(extract(epoch from %s) - extract(epoch from %s)) / 86400.0";

    private static final String CASES_IN_WINDOW = """
            from backorder_case c left join product p on p.sku = c.sku
            where c.opened_at >= :from and c.opened_at < :to""";

    record LineRow(String groupKey, long lines, long shortLines, long units, long unitsReserved) {}

    record CaseRow(
            String groupKey,
            long cases,
            long open,
            long fulfilled,
            long alternative,
            long cancelled,
            Double averageDays,
            Double p90Days,
            long kept,
            Double averageSlip) {}

    record OfferRow(
            String groupKey,
            long offered,
            long waited,
            long alternativeOffered,
            long alternativeTaken,
            long discountOffered,
            long discountAccepted) {}

    record EmailRow(String groupKey, long emails) {}

    record LabelRow(String groupKey, String label, long cases) {}

    private static final RecordRows<LineRow> LINE_ROWS = RecordRows.of(LineRow.class);
    private static final RecordRows<CaseRow> CASE_ROWS = RecordRows.of(CaseRow.class);
    private static final RecordRows<OfferRow> OFFER_ROWS = RecordRows.of(OfferRow.class);
    private static final RecordRows<EmailRow> EMAIL_ROWS = RecordRows.of(EmailRow.class);
    private static final RecordRows<LabelRow> LABEL_ROWS = RecordRows.of(LabelRow.class);

    private final JdbcClient jdbc;

    KpiQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Order lines of orders placed in the window: how many came up short, and the units reserved at once. */
    Map<String, LineRow> lines(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKey(
                jdbc.sql("""
                                select group_key, count(*) as lines,
                                       sum(case when quantity_reserved < quantity then 1 else 0 end) as short_lines,
                                       sum(quantity) as units, sum(quantity_reserved) as units_reserved
                                from (select %s as group_key, ol.quantity, ol.quantity_reserved
                                      from order_line ol join customer_order o on o.order_id = ol.order_id
                                      left join product p on p.sku = ol.sku
                                      where o.placed_at >= :from and o.placed_at < :to) x
                                group by group_key""".formatted(groupBy.ofLine))
                        .paramSource(window(from, to))
                        .query(LINE_ROWS)
                        .list(),
                LineRow::groupKey);
    }

    /** Cases opened in the window: how they ended, how long they took, whether the first promise held. */
    Map<String, CaseRow> cases(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKey(
                jdbc.sql("""
                                select group_key, count(*) as cases,
                                       sum(case when status = 'OPEN' then 1 else 0 end) as open,
                                       sum(case when status = 'FULFILLED' then 1 else 0 end) as fulfilled,
                                       sum(case when status = 'ALTERNATIVE_ACCEPTED' then 1 else 0 end) as alternative,
                                       sum(case when status = 'CANCELLED' then 1 else 0 end) as cancelled,
                                       avg(days) as average_days,
                                       percentile_cont(0.9) within group (order by days) as p90_days,
                                       sum(case when slip <= 0 then 1 else 0 end) as kept,
                                       avg(slip) as average_slip
                                from (select %s as group_key, c.status,
                                             case when c.status = 'FULFILLED' then %s end as days,
                                             case when c.status = 'FULFILLED' then %s end as slip
                                      from backorder_case c left join product p on p.sku = c.sku
                                      left join case_promise f on f.promise_id =
                                          (select min(fp.promise_id) from case_promise fp where fp.case_id = c.case_id)
                                      where c.opened_at >= :from and c.opened_at < :to) x
                                group by group_key""".formatted(
                                        groupBy.ofCase,
                                        DAYS.formatted("c.closed_at", "c.opened_at"),
                                        DAYS.formatted("cast(c.closed_at as date)", "f.expected_date")))
                        .paramSource(window(from, to))
                        .query(CASE_ROWS)
                        .list(),
                CaseRow::groupKey);
    }

    /** Offered cases of the window: which kinds of offer were taken. */
    Map<String, OfferRow> offers(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKey(
                jdbc.sql("""
                                select group_key, count(*) as offered, sum(waited) as waited,
                                       sum(alternative_offered) as alternative_offered,
                                       sum(case when alternative_offered = 1 and status = 'ALTERNATIVE_ACCEPTED'
                                                then 1 else 0 end) as alternative_taken,
                                       sum(discount_offered) as discount_offered,
                                       sum(discount_offered * waited) as discount_accepted
                                from (select %s as group_key, c.status,
                                             case when exists (select 1 from case_decision d where d.case_id = c.case_id
                                                               and d.decision = 'WAIT') then 1 else 0 end as waited,
                                             case when exists (select 1 from case_offer o
                                                               join case_offer_alternative a on a.offer_id = o.offer_id
                                                               where o.case_id = c.case_id) then 1 else 0 end
                                                 as alternative_offered,
                                             case when exists (select 1 from case_offer o where o.case_id = c.case_id
                                                               and o.discount_percent > 0) then 1 else 0 end
                                                 as discount_offered
                                      %s
                                      and exists (select 1 from case_offer o where o.case_id = c.case_id)) x
                                group by group_key""".formatted(groupBy.ofCase, CASES_IN_WINDOW))
                        .paramSource(window(from, to))
                        .query(OFFER_ROWS)
                        .list(),
                OfferRow::groupKey);
    }

    /** Emails about the window's cases that the mail server accepted (one email may cover several cases). */
    Map<String, EmailRow> emails(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKey(
                jdbc.sql("""
                                select group_key, count(*) as emails
                                from (select %s as group_key
                                      from backorder_case c left join product p on p.sku = c.sku
                                      join (select m.case_id, m.communication_id from communication m
                                            where m.state in ('SENT', 'BOUNCED')
                                            union
                                            select v.case_id, v.communication_id from communication_coverage v
                                            join communication m on m.communication_id = v.communication_id
                                            where m.state in ('SENT', 'BOUNCED')) e on e.case_id = c.case_id
                                      where c.opened_at >= :from and c.opened_at < :to) x
                                group by group_key""".formatted(groupBy.ofCase))
                        .paramSource(window(from, to))
                        .query(EMAIL_ROWS)
                        .list(),
                EmailRow::groupKey);
    }

    /** The window's cancelled cases by the reason they were closed with. */
    Map<String, List<LabelRow>> cancellationReasons(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKeyAll(jdbc.sql("""
                        select group_key, label, count(*) as cases
                        from (select %s as group_key, coalesce(c.close_reason, '(no reason given)') as label
                              %s and c.status = 'CANCELLED') x
                        group by group_key, label
                        order by group_key, cases desc, label""".formatted(groupBy.ofCase, CASES_IN_WINDOW))
                .paramSource(window(from, to))
                .query(LABEL_ROWS)
                .list());
    }

    /**
     * Root causes of the window: of its cases that recorded one (a cancelled case without one counts as
     * {@code NOT_KNOWN}), and a line the backorder cap refused counts once as {@code CAP_REACHED}.
     */
    Map<String, List<LabelRow>> rootCauses(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKeyAll(jdbc.sql("""
                        select group_key, label, count(*) as cases
                        from (select %s as group_key, coalesce(c.root_cause, 'NOT_KNOWN') as label
                              %s and (c.root_cause is not null or c.status = 'CANCELLED')
                              union all
                              select %s as group_key, 'CAP_REACHED' as label
                              from order_line ol join customer_order o on o.order_id = ol.order_id
                              left join product p on p.sku = ol.sku
                              where o.placed_at >= :from and o.placed_at < :to
                              and ol.outcome in ('REFUSED', 'PARTIALLY_REFUSED')) x
                        group by group_key, label
                        order by group_key, cases desc, label""".formatted(groupBy.ofCase, CASES_IN_WINDOW, groupBy.ofLine))
                .paramSource(window(from, to))
                .query(LABEL_ROWS)
                .list());
    }

    /** Every case open now, by the task it waits at (none: it waits for stock or the customer). */
    Map<String, List<LabelRow>> waitingNow(GroupBy groupBy) {
        return byKeyAll(
                jdbc.sql("""
                        select group_key, label, count(*) as cases
                        from (select distinct %s as group_key, c.case_id,
                                     coalesce(t.name, 'Waiting for stock or a decision') as label
                              from backorder_case c left join product p on p.sku = c.sku
                              left join case_task t on t.case_id = c.case_id and t.completed_at is null
                              where c.status = 'OPEN') x
                        group by group_key, label
                        order by group_key, cases desc, label""".formatted(groupBy.ofCase)).query(LABEL_ROWS).list());
    }

    private static MapSqlParameterSource window(LocalDateTime from, LocalDateTime to) {
        return new MapSqlParameterSource().addValue("from", from).addValue("to", to);
    }

    private static <T> Map<String, T> byKey(List<T> rows, Function<T, String> key) {
        return rows.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    private static Map<String, List<LabelRow>> byKeyAll(List<LabelRow> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(LabelRow::groupKey, LinkedHashMap::new, Collectors.toList()));
    }
}
