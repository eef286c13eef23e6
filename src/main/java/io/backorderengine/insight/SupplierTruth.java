package io.backorderengine.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.backorderengine.inventory.LearnedLeadTimes;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What suppliers promised against what they delivered: per supplier and per SKU, the purchase orders
 * fully received in a window, compared with the date the supplier first gave for each (later date
 * changes do not excuse a slip). Suppliers that hurt most (most late orders) come first.
 */
@Service
class SupplierTruth {

    /**
     * @param onTimeRate          orders received on or before the first expected date / orders received
     * @param averageSlipDays     receipt date minus first expected date, mean (negative: early)
     * @param p90SlipDays         the same, 90th percentile (linear interpolation)
     * @param averageLeadTimeDays receipt date minus ordering date, mean
     */
    record Deliveries(
            long ordersReceived,
            long onTime,
            Double onTimeRate,
            Double averageSlipDays,
            Double p90SlipDays,
            Double averageLeadTimeDays) {}

    record SkuTruth(String sku, Deliveries deliveries) {}

    /**
     * @param learnedLeadTime   from the latest deliveries, whatever the window ({@link LearnedLeadTimes});
     *                          null while there are too few
     * @param overdueOpenOrders open purchase orders whose expected date has passed
     */
    record Supplier(
            String supplierId,
            String name,
            int configuredLeadTimeDays,
            LearnedLeadTimes.LeadTime learnedLeadTime,
            long overdueOpenOrders,
            Deliveries deliveries,
            List<SkuTruth> skus) {}

    record Report(LocalDate from, LocalDate to, List<Supplier> suppliers) {}

    private record Row(
            String supplierId,
            String sku,
            long orders,
            long onTime,
            Double averageSlip,
            Double p90Slip,
            Double averageLead) {

        Deliveries deliveries() {
            return new Deliveries(
                    orders,
                    onTime,
                    orders == 0 ? null : KpiReport.round(onTime / (double) orders, 4),
                    days(averageSlip),
                    days(p90Slip),
                    days(averageLead));
        }
    }

    private record SupplierRow(String supplierId, String name, int leadTimeDays, long overdue) {}

    private static final RecordRows<Row> ROWS = RecordRows.of(Row.class);
    private static final RecordRows<SupplierRow> SUPPLIER_ROWS = RecordRows.of(SupplierRow.class);

    private final JdbcClient jdbc;
    private final LearnedLeadTimes learned;
    private final Clock clock;

    SupplierTruth(JdbcClient jdbc, LearnedLeadTimes learned, Clock clock) {
        this.jdbc = jdbc;
        this.learned = learned;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Report report(InsightWindow window) {
        Map<String, Row> perSupplier =
                deliveries(window, false).stream().collect(Collectors.toMap(Row::supplierId, Function.identity()));
        Map<String, List<Row>> perSku =
                deliveries(window, true).stream().collect(Collectors.groupingBy(Row::supplierId));
        List<Supplier> suppliers = jdbc
                .sql("""
                        select s.supplier_id, s.name, s.lead_time_days,
                               (select count(*) from purchase_order po where po.supplier_id = s.supplier_id
                                and po.status = 'OPEN' and po.expected_date < :today) as overdue
                        from supplier s
                        where s.supplier_id in (select po.supplier_id from purchase_order po
                                                where po.received_at >= :from and po.received_at < :to
                                                   or po.status = 'OPEN')
                        order by s.supplier_id""")
                .paramSource(new MapSqlParameterSource()
                        .addValue("today", LocalDate.now(clock))
                        .addValue("from", window.start())
                        .addValue("to", window.end()))
                .query(SUPPLIER_ROWS)
                .list()
                .stream()
                .map(s -> new Supplier(
                        s.supplierId(),
                        s.name(),
                        s.leadTimeDays(),
                        learned.of(s.supplierId()).orElse(null),
                        s.overdue(),
                        perSupplier
                                .getOrDefault(s.supplierId(), new Row(s.supplierId(), null, 0, 0, null, null, null))
                                .deliveries(),
                        perSku.getOrDefault(s.supplierId(), List.of()).stream()
                                .map(r -> new SkuTruth(r.sku(), r.deliveries()))
                                .toList()))
                .sorted(Comparator.comparingLong(SupplierTruth::lateOrders)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Supplier::overdueOpenOrders)
                                .reversed())
                        .thenComparing(Supplier::supplierId))
                .toList();
        return new Report(window.from(), window.to(), suppliers);
    }

    private static long lateOrders(Supplier s) {
        return s.deliveries().ordersReceived() - s.deliveries().onTime();
    }

    private List<Row> deliveries(InsightWindow window, boolean perSku) {
        String received = "cast(po.received_at as date)";
        return jdbc.sql("""
                        select supplier_id, sku, count(*) as orders, sum(case when slip <= 0 then 1 else 0 end) as on_time,
                               avg(slip) as average_slip, percentile_cont(0.9) within group (order by slip) as p90_slip,
                               avg(lead_time) as average_lead
                        from (select po.supplier_id, %s as sku, %s as slip, %s as lead_time
                              from purchase_order po
                              where po.received_at >= :from and po.received_at < :to) x
                        group by supplier_id, sku
                        order by supplier_id, sku""".formatted(
                        perSku ? "po.sku" : "'all'",
                        KpiQueries.DAYS.formatted(received, "coalesce(po.first_expected_date, po.expected_date)"),
                        KpiQueries.DAYS.formatted(received, "cast(po.created_at as date)")))
                .paramSource(new MapSqlParameterSource()
                        .addValue("from", window.start())
                        .addValue("to", window.end()))
                .query(ROWS)
                .list();
    }

    private static Double days(Double days) {
        return days == null ? null : KpiReport.round(days, 2);
    }
}
