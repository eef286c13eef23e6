package io.backorderengine.insight;

import java.time.Clock;
import java.time.LocalDate;

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
    private final Clock clock;

    InsightController(KpiReport kpis, SupplierTruth suppliers, Clock clock) {
        this.kpis = kpis;
        this.suppliers = suppliers;
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

    private static GroupBy groupBy(String value) {
        for (GroupBy g : GroupBy.values()) {
            if (g.name().equalsIgnoreCase(value)) {
                return g;
            }
        }
        throw new InvalidInsightRequestException("groupBy", "one of all, sku, category, supplier, tier");
    }
}
