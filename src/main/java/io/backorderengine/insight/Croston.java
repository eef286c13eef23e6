package io.backorderengine.insight;

/**
 * Croston's method with the Syntetos–Boylan approximation (SBA), the usual choice for intermittent retail
 * demand: most weeks sell nothing, some sell a few. Averaging weeks directly would forecast a trickle
 * every week and react to each zero; Croston smooths two things separately, the size of a non-zero
 * demand ({@code z}) and the number of weeks between them ({@code p}), and forecasts their ratio per
 * week. SBA multiplies by {@code 1 − α/2}, which removes the upward bias of the plain ratio.
 *
 * <pre>
 * start at the first week k with demand:  z = d[k],  p = k + 1,  q = 1
 * each later week t:   d[t] > 0:  z += α (d[t] − z);  p += α (q − p);  q = 1
 *                      d[t] = 0:  q += 1
 * forecast per week = (1 − α/2) · z / p        (0 while no week had demand)
 * </pre>
 *
 * No library here: none on the registries implements it for Java, and it is the few lines above.
 */
final class Croston {

    /** The smoothing constant: 0.1 is the value the literature settles on for weekly retail series. */
    static final double ALPHA = 0.1;

    private Croston() {}

    /** The demand per week after the first {@code length} of the given weeks (oldest first). */
    static double forecast(long[] weeks, int length) {
        return oneStepAhead(weeks)[length];
    }

    /**
     * In one pass, what the method forecast for each week from the weeks before it: element t is the
     * forecast for week t, and the last (index {@code weeks.length}) the forecast for the week to come.
     */
    static double[] oneStepAhead(long[] weeks) {
        double[] forecasts = new double[weeks.length + 1];
        double z = 0;
        double p = 0;
        int q = 0;
        boolean started = false;
        for (int t = 0; t < weeks.length; t++) {
            forecasts[t] = started ? (1 - ALPHA / 2) * z / p : 0;
            long d = weeks[t];
            if (!started) {
                if (d > 0) {
                    z = d;
                    p = t + 1;
                    q = 1;
                    started = true;
                }
            } else if (d > 0) {
                z += ALPHA * (d - z);
                p += ALPHA * (q - p);
                q = 1;
            } else {
                q++;
            }
        }
        forecasts[weeks.length] = started ? (1 - ALPHA / 2) * z / p : 0;
        return forecasts;
    }

    /**
     * How the method would have done on the last {@code horizon} weeks: each forecast from the weeks before
     * it only, against what was then ordered; beside the naive forecast (the week before), which a method
     * must beat to be worth its name.
     *
     * @param meanAbsoluteError      mean |forecast − actual|
     * @param bias                   mean (forecast − actual): positive means it forecast too much
     * @param naiveMeanAbsoluteError mean |previous week − actual|
     */
    record Backtest(int weeks, double meanAbsoluteError, double bias, double naiveMeanAbsoluteError) {}

    static Backtest backtest(long[] weeks, int horizon) {
        return backtest(weeks, oneStepAhead(weeks), horizon);
    }

    /** The backtest from forecasts {@link #oneStepAhead} has made already. */
    static Backtest backtest(long[] weeks, double[] oneStepAhead, int horizon) {
        int start = Math.max(1, weeks.length - horizon);
        int n = weeks.length - start;
        if (n <= 0) {
            return new Backtest(0, 0, 0, 0);
        }
        double absolute = 0;
        double signed = 0;
        double naive = 0;
        for (int t = start; t < weeks.length; t++) {
            double error = oneStepAhead[t] - weeks[t];
            absolute += Math.abs(error);
            signed += error;
            naive += Math.abs(weeks[t - 1] - weeks[t]);
        }
        return new Backtest(n, absolute / n, signed / n, naive / n);
    }
}
