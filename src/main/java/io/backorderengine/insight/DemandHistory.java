package io.backorderengine.insight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Units ordered per SKU and week, from the order lines: everything customers asked for, including what
 * was backordered or refused, which sales figures leave out exactly when a SKU is out of stock. Weeks run
 * Monday to Sunday; the week in progress is left out, because a half week looks like a slump.
 */
@Repository
class DemandHistory {

    /** The complete weeks before the current one, oldest first, and each SKU's units in them. */
    record Weeks(LocalDate firstMonday, int count, Map<String, long[]> units) {}

    private record DayRow(String sku, LocalDate orderDay, long units) {}

    private static final RecordRows<DayRow> DAY_ROWS = RecordRows.of(DayRow.class);

    private final JdbcClient jdbc;

    DemandHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param sku      one SKU, or null for every product
     * @param supplier the products of one supplier, or null for all
     */
    Weeks weeks(LocalDate today, int count, String sku, String supplier) {
        LocalDate thisMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate first = thisMonday.minusWeeks(count);
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("start", first.atStartOfDay())
                .addValue("end", thisMonday.atStartOfDay());
        String filter = "";
        if (sku != null) {
            filter += " and ol.sku = :sku";
            params.addValue("sku", sku);
        }
        if (supplier != null) {
            filter += " and p.supplier_id = :supplier";
            params.addValue("supplier", supplier);
        }
        List<DayRow> days = jdbc.sql("""
                        select sku, order_day, sum(quantity) as units
                        from (select ol.sku, cast(o.placed_at as date) as order_day, ol.quantity
                              from order_line ol join customer_order o on o.order_id = ol.order_id
                              join product p on p.sku = ol.sku
                              where o.placed_at >= :start and o.placed_at < :end%s) x
                        group by sku, order_day""".formatted(filter))
                .paramSource(params)
                .query(DAY_ROWS)
                .list();
        Map<String, long[]> units = new LinkedHashMap<>();
        for (DayRow row : days) {
            int week = (int) (ChronoUnit.DAYS.between(first, row.orderDay()) / 7);
            units.computeIfAbsent(row.sku(), s -> new long[count])[week] += row.units();
        }
        return new Weeks(first, count, units);
    }
}
