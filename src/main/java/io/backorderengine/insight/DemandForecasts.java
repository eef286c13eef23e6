package io.backorderengine.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A weekly demand forecast per SKU (Croston–SBA, {@link Croston}) with its backtest. */
@Service
class DemandForecasts {

    static final int MIN_WEEKS = 4;
    static final int MAX_WEEKS = 156;
    /** Backtests cover the last half of the history, at most this many weeks. */
    static final int MAX_BACKTEST_WEEKS = 8;

    /**
     * @param weeklyDemand   units ordered in each week of the history, oldest first
     * @param weeklyForecast units per week from now on
     * @param fitted         what the method forecast for each week from the weeks before it (forecast vs actual)
     */
    record SkuForecast(String sku, long[] weeklyDemand, double[] fitted, double weeklyForecast, Backtest backtest) {}

    /** {@link Croston.Backtest}, rounded for reading. */
    record Backtest(int weeks, double meanAbsoluteError, double bias, double naiveMeanAbsoluteError) {}

    /**
     * @param firstWeek the Monday the history starts; it ends with the last complete week
     */
    record Forecast(String method, LocalDate firstWeek, int weeks, List<SkuForecast> skus) {}

    private final DemandHistory history;
    private final Clock clock;

    DemandForecasts(DemandHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /** Forecasts for every SKU with demand in the history (or the one asked for), largest first. */
    @Transactional(readOnly = true)
    Forecast forecast(int weeks, String sku, String supplier) {
        if (weeks < MIN_WEEKS || weeks > MAX_WEEKS) {
            throw new InvalidInsightRequestException(
                    "weeks", "between %d and %d weeks of history".formatted(MIN_WEEKS, MAX_WEEKS));
        }
        DemandHistory.Weeks demand = history.weeks(LocalDate.now(clock), weeks, sku, supplier);
        int horizon = Math.min(MAX_BACKTEST_WEEKS, weeks / 2);
        List<SkuForecast> forecasts = demand.units().entrySet().stream()
                .map(e -> {
                    long[] units = e.getValue();
                    double[] ahead = Croston.oneStepAhead(units);
                    Croston.Backtest b = Croston.backtest(units, ahead, horizon);
                    double[] fitted = new double[units.length];
                    for (int t = 0; t < units.length; t++) {
                        fitted[t] = KpiReport.round(ahead[t], 2);
                    }
                    return new SkuForecast(
                            e.getKey(),
                            units,
                            fitted,
                            KpiReport.round(ahead[units.length], 4),
                            new Backtest(
                                    b.weeks(),
                                    KpiReport.round(b.meanAbsoluteError(), 4),
                                    KpiReport.round(b.bias(), 4),
                                    KpiReport.round(b.naiveMeanAbsoluteError(), 4)));
                })
                .sorted(Comparator.comparingDouble(SkuForecast::weeklyForecast)
                        .reversed()
                        .thenComparing(SkuForecast::sku))
                .toList();
        return new Forecast(
                "Croston-SBA, alpha %s, weekly".formatted(Croston.ALPHA), demand.firstMonday(), weeks, forecasts);
    }
}
