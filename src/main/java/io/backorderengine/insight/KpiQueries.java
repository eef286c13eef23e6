package io.backorderengine.insight;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /**
     * Days between two timestamps or dates, written so that H2 and PostgreSQL read it alike (in floating
     * point: PostgreSQL's exact numeric arithmetic cost a third of the query over 100,000 cases).
     */
    static final String DAYS = "cast(extract(epoch from %s) - extract(epoch from %s) as double precision) / 86400";

    private static final String CASES_IN_WINDOW = """
            from backorder_case c %s
            where c.opened_at >= :from and c.opened_at < :to""";

    record LineRow(String groupKey, long lines, long shortLines, long units, long unitsReserved) {}

    /**
     * The cases of a group: sums, so that groups add up to the total (only the percentile does not); the
     * averages are sums over counts.
     */
    record CaseRow(
            String groupKey,
            long cases,
            long open,
            long fulfilled,
            long alternative,
            long cancelled,
            double sumDays,
            Double p90Days,
            long kept,
            double sumSlip,
            long slips,
            long offered,
            long waited,
            long alternativeOffered,
            long alternativeTaken,
            long discountOffered,
            long discountAccepted,
            long emails) {

        static CaseRow none(String key) {
            return new CaseRow(key, 0, 0, 0, 0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        CaseRow plus(CaseRow o) {
            return new CaseRow(
                    groupKey,
                    cases + o.cases,
                    open + o.open,
                    fulfilled + o.fulfilled,
                    alternative + o.alternative,
                    cancelled + o.cancelled,
                    sumDays + o.sumDays,
                    null,
                    kept + o.kept,
                    sumSlip + o.sumSlip,
                    slips + o.slips,
                    offered + o.offered,
                    waited + o.waited,
                    alternativeOffered + o.alternativeOffered,
                    alternativeTaken + o.alternativeTaken,
                    discountOffered + o.discountOffered,
                    discountAccepted + o.discountAccepted,
                    emails + o.emails);
        }

        CaseRow withP90(Double p90) {
            return new CaseRow(
                    groupKey,
                    cases,
                    open,
                    fulfilled,
                    alternative,
                    cancelled,
                    sumDays,
                    p90,
                    kept,
                    sumSlip,
                    slips,
                    offered,
                    waited,
                    alternativeOffered,
                    alternativeTaken,
                    discountOffered,
                    discountAccepted,
                    emails);
        }
    }

    record LabelRow(String groupKey, String label, long cases) {}

    private static final RecordRows<LineRow> LINE_ROWS = RecordRows.of(LineRow.class);
    private static final RecordRows<CaseRow> CASE_ROWS = RecordRows.of(CaseRow.class);
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
                                      from order_line ol join customer_order o on o.order_id = ol.order_id %s
                                      where o.placed_at >= :from and o.placed_at < :to) x
                                group by group_key""".formatted(groupBy.ofLine, groupBy.lineProduct()))
                        .paramSource(window(from, to))
                        .query(LINE_ROWS)
                        .list(),
                LineRow::groupKey);
    }

    /**
     * Cases opened in the window, one row each, in one pass: how they ended, how long they took, whether
     * the first promise held, what they were offered and took, and their emails (the facts the case row
     * keeps as they happen, V22).
     */
    Map<String, CaseRow> cases(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKey(
                jdbc.sql("""
                                select group_key, count(*) as cases,
                                       sum(case when status = 'OPEN' then 1 else 0 end) as open,
                                       sum(case when status = 'FULFILLED' then 1 else 0 end) as fulfilled,
                                       sum(case when status = 'ALTERNATIVE_ACCEPTED' then 1 else 0 end) as alternative,
                                       sum(case when status = 'CANCELLED' then 1 else 0 end) as cancelled,
                                       coalesce(sum(days), 0) as sum_days,
                                       percentile_cont(0.9) within group (order by days) as p90_days,
                                       sum(case when slip <= 0 then 1 else 0 end) as kept,
                                       coalesce(sum(slip), 0) as sum_slip, count(slip) as slips,
                                       sum(case when offered then 1 else 0 end) as offered,
                                       sum(case when offered and customer_waited then 1 else 0 end) as waited,
                                       sum(case when offered_alternative then 1 else 0 end) as alternative_offered,
                                       sum(case when offered_alternative and status = 'ALTERNATIVE_ACCEPTED'
                                                then 1 else 0 end) as alternative_taken,
                                       sum(case when offered_discount then 1 else 0 end) as discount_offered,
                                       sum(case when offered_discount and customer_waited then 1 else 0 end)
                                           as discount_accepted,
                                       sum(emails_sent) as emails
                                from (select %s as group_key, c.status, c.offered, c.offered_alternative,
                                             c.offered_discount, c.customer_waited, c.emails_sent,
                                             case when c.status = 'FULFILLED' then %s end as days,
                                             case when c.status = 'FULFILLED' then %s end as slip
                                      from backorder_case c %s
                                      where c.opened_at >= :from and c.opened_at < :to) x
                                group by group_key""".formatted(
                                        groupBy.ofCase,
                                        DAYS.formatted("c.closed_at", "c.opened_at"),
                                        DAYS.formatted("cast(c.closed_at as date)", "c.first_promised_date"),
                                        groupBy.product()))
                        .paramSource(window(from, to))
                        .query(CASE_ROWS)
                        .list(),
                CaseRow::groupKey);
    }

    /** A day's counts for the trend: lines ordered and short, cases opened and (of those) cancelled. */
    record DayRow(LocalDate orderDay, long lines, long shortLines, long cases, long cancelled) {}

    private static final RecordRows<DayRow> DAY_ROWS = RecordRows.of(DayRow.class);

    /** Per day of the window: two grouped passes, however many days (the trend's weeks add days up). */
    List<DayRow> days(LocalDateTime from, LocalDateTime to) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.sql("""
                        select order_day, count(*) as lines, sum(short_line) as short_lines, 0 as cases, 0 as cancelled
                        from (select cast(o.placed_at as date) as order_day,
                                     case when ol.quantity_reserved < ol.quantity then 1 else 0 end as short_line
                              from order_line ol join customer_order o on o.order_id = ol.order_id
                              where o.placed_at >= :from and o.placed_at < :to) x
                        group by order_day""")
                .paramSource(window(from, to))
                .query(DAY_ROWS)
                .list()
                .forEach(r -> add(days, r.orderDay(), r.lines(), r.shortLines(), 0, 0));
        jdbc.sql("""
                        select order_day, 0 as lines, 0 as short_lines, count(*) as cases, sum(cancelled) as cancelled
                        from (select cast(c.opened_at as date) as order_day,
                                     case when c.status = 'CANCELLED' then 1 else 0 end as cancelled
                              from backorder_case c where c.opened_at >= :from and c.opened_at < :to) x
                        group by order_day""")
                .paramSource(window(from, to))
                .query(DAY_ROWS)
                .list()
                .forEach(r -> add(days, r.orderDay(), 0, 0, r.cases(), r.cancelled()));
        return days.entrySet().stream()
                .map(e -> new DayRow(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3]))
                .toList();
    }

    private static void add(Map<LocalDate, long[]> days, LocalDate day, long... counts) {
        long[] sum = days.computeIfAbsent(day, d -> new long[4]);
        for (int i = 0; i < 4; i++) {
            sum[i] += counts[i];
        }
    }

    /** The 90th percentile of days on backorder over all fulfilled cases of the window (groups cannot sum it). */
    Double p90Days(LocalDateTime from, LocalDateTime to) {
        return jdbc.sql("""
                        select percentile_cont(0.9) within group (order by days) from (select %s as days
                        from backorder_case c where c.opened_at >= :from and c.opened_at < :to
                        and c.status = 'FULFILLED') x""".formatted(DAYS.formatted("c.closed_at", "c.opened_at")))
                .paramSource(window(from, to))
                .query((row, n) -> (Double) row.getObject(1, Double.class))
                .list()
                .get(0); // null when nothing was fulfilled
    }

    /** The window's cancelled cases by the reason they were closed with. */
    Map<String, List<LabelRow>> cancellationReasons(GroupBy groupBy, LocalDateTime from, LocalDateTime to) {
        return byKeyAll(jdbc.sql("""
                        select group_key, label, count(*) as cases
                        from (select %s as group_key, coalesce(c.close_reason, '(no reason given)') as label
                              %s and c.status = 'CANCELLED') x
                        group by group_key, label
                        order by group_key, cases desc, label""".formatted(groupBy.ofCase, CASES_IN_WINDOW.formatted(groupBy.product())))
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
                              from order_line ol join customer_order o on o.order_id = ol.order_id %s
                              where o.placed_at >= :from and o.placed_at < :to
                              and ol.outcome in ('REFUSED', 'PARTIALLY_REFUSED')) x
                        group by group_key, label
                        order by group_key, cases desc, label""".formatted(
                                groupBy.ofCase,
                                CASES_IN_WINDOW.formatted(groupBy.product()),
                                groupBy.ofLine,
                                groupBy.lineProduct()))
                .paramSource(window(from, to))
                .query(LABEL_ROWS)
                .list());
    }

    /** Every case open now, by the task it waits at (none: it waits for stock or the customer). */
    Map<String, List<LabelRow>> waitingNow(GroupBy groupBy) {
        return byKeyAll(jdbc.sql("""
                        select group_key, label, count(*) as cases
                        from (select distinct %s as group_key, c.case_id,
                                     coalesce(t.name, 'Waiting for stock or a decision') as label
                              from backorder_case c %s
                              left join case_task t on t.case_id = c.case_id and t.completed_at is null
                              where c.status = 'OPEN') x
                        group by group_key, label
                        order by group_key, cases desc, label""".formatted(groupBy.ofCase, groupBy.product()))
                .query(LABEL_ROWS)
                .list());
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
