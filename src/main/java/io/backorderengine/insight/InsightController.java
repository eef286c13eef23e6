package io.backorderengine.insight;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For supervisors, analysts and administrators: what the backorders of a period say. */
@RestController
@RequestMapping(path = "/api/insights", produces = MediaType.APPLICATION_JSON_VALUE)
class InsightController {

    private final KpiReport kpis;
    private final SupplierTruth suppliers;
    private final DemandForecasts forecasts;
    private final ReorderReport reorder;
    private final Clock clock;

    InsightController(
            KpiReport kpis, SupplierTruth suppliers, DemandForecasts forecasts, ReorderReport reorder, Clock clock) {
        this.kpis = kpis;
        this.suppliers = suppliers;
        this.forecasts = forecasts;
        this.reorder = reorder;
        this.clock = clock;
    }

    /**
     * The KPIs of the days {@code from} to {@code to} (both inclusive; by default the last 30 days), in
     * total and, with {@code groupBy}, per SKU, category, supplier or customer tier.
     */
    @GetMapping
    KpiReport.Report kpis(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "all") String groupBy) {
        return kpis.report(InsightWindow.of(from, to, clock), groupBy(groupBy));
    }

    /**
     * The supplier truth: purchase orders fully received from {@code from} to {@code to} (by default the
     * last 30 days) against the date each supplier first promised, per supplier and SKU, with the lead
     * time learned from each supplier's latest deliveries.
     */
    @GetMapping("/suppliers")
    SupplierTruth.Report suppliers(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return suppliers.report(InsightWindow.of(from, to, clock));
    }

    /**
     * Weekly demand forecasts per SKU from the last {@code weeks} complete weeks of orders (backordered and
     * refused units included), with each one's backtest; the largest {@code limit} first.
     */
    @GetMapping("/forecast")
    DemandForecasts.Forecast forecast(
            @RequestParam(defaultValue = "26") int weeks,
            @RequestParam(required = false) @Size(max = 64) String sku,
            @RequestParam(required = false) @Size(max = 64) String supplierId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        DemandForecasts.Forecast all = forecasts.forecast(weeks, sku, supplierId);
        return new DemandForecasts.Forecast(
                all.method(),
                all.firstWeek(),
                all.weeks(),
                all.skus().stream().limit(limit).toList());
    }

    /**
     * The reorder report: SKUs with demand or waiting cases, the one to run out soonest against its lead
     * time first, each with a suggested order quantity and date.
     */
    @GetMapping("/reorder")
    ReorderReport.Report reorder(
            @RequestParam(defaultValue = "26") int weeks,
            @RequestParam(required = false) @Size(max = 64) String supplierId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return reorder.report(weeks, supplierId, limit);
    }

    private static GroupBy groupBy(String value) {
        for (GroupBy g : GroupBy.values()) {
            if (g.name().equalsIgnoreCase(value)) {
                return g;
            }
        }
        throw new InvalidInsightRequestException("groupBy", "one of all, sku, category, supplier, tier");
    }
}
