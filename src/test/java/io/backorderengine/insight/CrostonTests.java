package io.backorderengine.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Croston–SBA on a short intermittent series, every step worked out by hand (α = 0.1). */
class CrostonTests {

    /** Orders per week, oldest first: three weeks with demand in eight. */
    static final long[] WEEKS = {0, 3, 0, 0, 2, 0, 4, 0};

    @Test
    void forecastsTheSmoothedSizeOverTheSmoothedInterval() {
        // week 1: z = 3, p = 2; week 4 (3 weeks later): z = 3 + 0.1 (2 − 3) = 2.9, p = 2 + 0.1 (3 − 2) = 2.1;
        // week 6 (2 weeks later): z = 2.9 + 0.1 (4 − 2.9) = 3.01, p = 2.1 + 0.1 (2 − 2.1) = 2.09;
        // forecast = 0.95 × 3.01 / 2.09
        assertThat(Croston.forecast(WEEKS, WEEKS.length)).isCloseTo(1.368182, within(1e-6));
    }

    @Test
    void noDemandYetForecastsNothing() {
        assertThat(Croston.forecast(new long[] {0, 0, 0}, 3)).isZero();
        assertThat(Croston.forecast(WEEKS, 1)).isZero();
    }

    @Test
    void theBacktestForecastsEachWeekFromTheWeeksBeforeIt() {
        // week 4 from 0,3,0,0: 0.95 × 3/2 = 1.425 (actual 2); weeks 5 and 6 from z 2.9, p 2.1: 1.311905
        // (actual 0, then 4); week 7 from z 3.01, p 2.09: 1.368182 (actual 0)
        // errors −0.575, +1.311905, −2.688095, +1.368182
        Croston.Backtest backtest = Croston.backtest(WEEKS, 4);

        assertThat(backtest.weeks()).isEqualTo(4);
        assertThat(backtest.meanAbsoluteError()).isCloseTo(5.943182 / 4, within(1e-6));
        assertThat(backtest.bias()).isCloseTo(-0.583008 / 4, within(1e-6));
        // the week before as the forecast: |0 − 2|, |2 − 0|, |0 − 4|, |4 − 0|
        assertThat(backtest.naiveMeanAbsoluteError()).isEqualTo(3.0);
    }
}
