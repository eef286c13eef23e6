package io.backorderengine.insight;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The insights page, for people who would rather look than read: the window's KPIs, weekly trends, the
 * SKUs and suppliers that hurt most, root causes, and forecast against actual demand. Server-rendered;
 * the charts are drawn in the browser by uPlot, served by the application as a webjar, from data the page
 * carries in attributes (no inline script: the page's CSP allows scripts from the application only).
 */
@Controller
@RequestMapping("/desk/insights")
class InsightPages {

    static final int TREND_WEEKS = 12;
    static final int TOP = 10;
    static final int FORECAST_CHARTS = 3;

    private final KpiReport kpis;
    private final KpiQueries queries;
    private final SupplierTruth suppliers;
    private final DemandForecasts forecasts;
    private final ObjectMapper json;
    private final Clock clock;

    InsightPages(
            KpiReport kpis,
            KpiQueries queries,
            SupplierTruth suppliers,
            DemandForecasts forecasts,
            ObjectMapper json,
            Clock clock) {
        this.kpis = kpis;
        this.queries = queries;
        this.suppliers = suppliers;
        this.forecasts = forecasts;
        this.json = json;
        this.clock = clock;
    }

    /** A chart's data: x labels and named series of the same length. */
    record Chart(String title, List<String> labels, Map<String, List<Double>> series) {}

    @GetMapping
    String page(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            Model model)
            throws JsonProcessingException {
        InsightWindow window = InsightWindow.of(from, to, clock);
        KpiReport.Report bySku = kpis.report(window, GroupBy.SKU);
        model.addAttribute("window", window);
        model.addAttribute("total", bySku.total());
        model.addAttribute(
                "topSkus",
                bySku.groups().stream()
                        .filter(g -> g.kpis().casesOpened() > 0)
                        .sorted(Comparator.comparingLong((KpiReport.Group g) -> pain(g.kpis()))
                                .reversed()
                                .thenComparing(KpiReport.Group::key))
                        .limit(TOP)
                        .toList());
        model.addAttribute(
                "topSuppliers",
                suppliers.report(window).suppliers().stream()
                        .filter(s -> s.deliveries().ordersReceived() > 0 || s.overdueOpenOrders() > 0)
                        .limit(TOP)
                        .toList());
        model.addAttribute("trend", json.writeValueAsString(trend()));
        List<String> forecastCharts = new ArrayList<>();
        for (Chart chart : forecastCharts()) {
            forecastCharts.add(json.writeValueAsString(chart));
        }
        model.addAttribute("forecastCharts", forecastCharts);
        return "insight/page";
    }

    /** Pain: cases that waited, counting a cancelled one twice (a lost sale, not just a wait). */
    static long pain(Kpis k) {
        return k.casesOpened() + k.cancelled();
    }

    /** The last {@value #TREND_WEEKS} weeks (Monday to Sunday, this one so far) from the day counts. */
    private Chart trend() {
        LocalDate first = LocalDate.now(clock)
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(TREND_WEEKS - 1);
        long[][] weeks = new long[TREND_WEEKS][4];
        for (KpiQueries.DayRow day : queries.days(
                first.atStartOfDay(), LocalDate.now(clock).plusDays(1).atStartOfDay())) {
            long[] week = weeks[(int) (ChronoUnit.DAYS.between(first, day.orderDay()) / 7)];
            week[0] += day.lines();
            week[1] += day.shortLines();
            week[2] += day.cases();
            week[3] += day.cancelled();
        }
        List<String> labels = new ArrayList<>();
        List<Double> opened = new ArrayList<>();
        List<Double> cancelled = new ArrayList<>();
        List<Double> backorderRate = new ArrayList<>();
        for (int w = 0; w < TREND_WEEKS; w++) {
            labels.add(first.plusWeeks(w).toString());
            opened.add((double) weeks[w][2]);
            cancelled.add((double) weeks[w][3]);
            backorderRate.add(weeks[w][0] == 0 ? null : KpiReport.round(100.0 * weeks[w][1] / weeks[w][0], 1));
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("cases opened", opened);
        series.put("cancelled", cancelled);
        series.put("backorder rate %", backorderRate);
        return new Chart("Weekly trend (weeks from Monday)", labels, series);
    }

    private List<Chart> forecastCharts() {
        DemandForecasts.Forecast forecast = forecasts.forecast(TREND_WEEKS * 2, null, null);
        List<Chart> charts = new ArrayList<>();
        for (DemandForecasts.SkuForecast sku : forecast.skus()
                .subList(0, Math.min(FORECAST_CHARTS, forecast.skus().size()))) {
            List<String> labels = new ArrayList<>();
            List<Double> actual = new ArrayList<>();
            List<Double> fitted = new ArrayList<>();
            for (int w = 0; w < sku.weeklyDemand().length; w++) {
                labels.add(forecast.firstWeek().plusWeeks(w).toString());
                actual.add((double) sku.weeklyDemand()[w]);
                fitted.add(sku.fitted()[w]);
            }
            labels.add("next");
            actual.add(null);
            fitted.add(sku.weeklyForecast());
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put("ordered", actual);
            series.put("forecast", fitted);
            charts.add(new Chart(
                    "%s: units ordered per week against the forecast (MAE %.2f, naive %.2f)"
                            .formatted(
                                    sku.sku(),
                                    sku.backtest().meanAbsoluteError(),
                                    sku.backtest().naiveMeanAbsoluteError()),
                    labels,
                    series));
        }
        return charts;
    }
}
