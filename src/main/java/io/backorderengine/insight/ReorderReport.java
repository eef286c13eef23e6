package io.backorderengine.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.inventory.LearnedLeadTimes;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which SKUs will run out next, and what to order when: a reorder-point policy over the forecast, the
 * stock position and the supplier's lead time (learned from its deliveries where it has enough of them,
 * else configured). Formulas, with d the forecast per day, L the lead time and R the review period:
 *
 * <pre>
 * position     = on hand + open purchase orders − units still missing for waiting cases
 * safety stock = z · 1.25 · MAE · √(L / 7)          (1.25 · MAE estimates the weekly σ; z = 1.65: 95 %)
 * reorder point s = d · L + safety stock;   order-up-to S = d · (L + R) + safety stock
 * days of cover = position / d;   slack = days of cover − L  (below 0: out before an order could arrive)
 * position ≤ s: order S − position today;  else order S − s on today + (position − s) / d
 * </pre>
 */
@Service
class ReorderReport {

    static final double SERVICE_Z = 1.65;
    static final int REVIEW_DAYS = 7;

    /**
     * @param leadTimeBasis      LEARNED or CONFIGURED
     * @param position           on hand + open supply − waiting units
     * @param daysOfCover        how long the position lasts at the forecast (null: no demand forecast)
     * @param slackDays          days of cover minus lead time: the lower, the sooner the risk
     * @param suggestedQuantity  what to order (0: nothing to order)
     * @param suggestedOrderDate when to order it (null: nothing to order)
     */
    record Item(
            String sku,
            String name,
            String supplierId,
            int onHand,
            long openSupply,
            int waitingUnits,
            long position,
            double weeklyForecast,
            int leadTimeDays,
            String leadTimeBasis,
            double safetyStock,
            double reorderPoint,
            double orderUpTo,
            Double daysOfCover,
            LocalDate stockOutDate,
            Double slackDays,
            long suggestedQuantity,
            LocalDate suggestedOrderDate) {}

    record Report(LocalDate asOf, int historyWeeks, double serviceZ, int reviewDays, List<Item> items) {}

    private record Position(
            String sku,
            String name,
            String supplierId,
            int leadTimeDays,
            int onHand,
            int waitingUnits,
            long openSupply) {}

    private static final RecordRows<Position> POSITION_ROWS = RecordRows.of(Position.class);

    private final DemandForecasts forecasts;
    private final LearnedLeadTimes learned;
    private final JdbcClient jdbc;
    private final Clock clock;

    ReorderReport(DemandForecasts forecasts, LearnedLeadTimes learned, JdbcClient jdbc, Clock clock) {
        this.forecasts = forecasts;
        this.learned = learned;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** SKUs with demand or waiting cases, most at risk first. */
    @Transactional(readOnly = true)
    Report report(int weeks, String supplier, int limit) {
        Map<String, DemandForecasts.SkuForecast> bySku = new HashMap<>();
        forecasts.forecast(weeks, null, supplier).skus().forEach(f -> bySku.put(f.sku(), f));
        LocalDate today = LocalDate.now(clock);
        Map<String, Optional<LearnedLeadTimes.LeadTime>> leadTimes = new HashMap<>();
        List<Item> items = positions(supplier).stream()
                .filter(p -> bySku.containsKey(p.sku()) || p.waitingUnits() > 0)
                .map(p -> item(p, bySku.get(p.sku()), leadTimes.computeIfAbsent(p.supplierId(), learned::of), today))
                .sorted(Comparator.comparing(Item::slackDays, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Item::sku))
                .limit(limit)
                .toList();
        return new Report(today, weeks, SERVICE_Z, REVIEW_DAYS, items);
    }

    static Item item(
            Position p,
            DemandForecasts.SkuForecast forecast,
            Optional<LearnedLeadTimes.LeadTime> learned,
            LocalDate today) {
        double weekly = forecast == null ? 0 : forecast.weeklyForecast();
        double mae = forecast == null ? 0 : forecast.backtest().meanAbsoluteError();
        int lead = learned.map(LearnedLeadTimes.LeadTime::days).orElse(p.leadTimeDays());
        double daily = weekly / 7;
        double safety = SERVICE_Z * 1.25 * mae * Math.sqrt(lead / 7.0);
        double reorderPoint = daily * lead + safety;
        double orderUpTo = daily * (lead + REVIEW_DAYS) + safety;
        long position = p.onHand() + p.openSupply() - p.waitingUnits();
        Double cover; // null: no demand forecast and nobody short, so no stock-out in sight
        if (daily > 0) {
            cover = Math.max(0, position) / daily;
        } else {
            cover = position < 0 ? Double.valueOf(0) : null;
        }
        long quantity;
        LocalDate orderOn;
        if (position <= reorderPoint && (daily > 0 || position < 0)) {
            quantity = (long) Math.ceil(orderUpTo - position);
            orderOn = today;
        } else if (daily > 0) {
            quantity = (long) Math.ceil(orderUpTo - reorderPoint);
            orderOn = today.plusDays((long) Math.floor((position - reorderPoint) / daily));
        } else {
            quantity = 0;
            orderOn = null;
        }
        return new Item(
                p.sku(),
                p.name(),
                p.supplierId(),
                p.onHand(),
                p.openSupply(),
                p.waitingUnits(),
                position,
                weekly,
                lead,
                learned.isPresent() ? "LEARNED" : "CONFIGURED",
                KpiReport.round(safety, 2),
                KpiReport.round(reorderPoint, 2),
                KpiReport.round(orderUpTo, 2),
                cover == null ? null : KpiReport.round(cover, 2),
                cover == null ? null : today.plusDays((long) Math.floor(cover)),
                cover == null ? null : KpiReport.round(cover - lead, 2),
                quantity,
                orderOn);
    }

    private List<Position> positions(String supplier) {
        return jdbc.sql("""
                        select p.sku, p.name, p.supplier_id, s.lead_time_days, p.on_hand, p.waiting_units,
                               coalesce(po.open_supply, 0) as open_supply
                        from product p join supplier s on s.supplier_id = p.supplier_id
                        left join (select sku, sum(quantity - quantity_received) as open_supply from purchase_order
                                   where status = 'OPEN' group by sku) po on po.sku = p.sku
                        %s""".formatted(supplier == null ? "" : "where p.supplier_id = :supplier"))
                .paramSource(new MapSqlParameterSource().addValue("supplier", supplier))
                .query(POSITION_ROWS)
                .list();
    }
}
