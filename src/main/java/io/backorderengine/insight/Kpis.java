package io.backorderengine.insight;

import java.util.List;

/**
 * The KPIs of one group over a window (formulas in the README, "Insights"). A rate or an average is
 * null where nothing was there to divide by. Lines count by the order's date, cases by their opening
 * date; {@code waitingNow} is every case open now, whenever it opened.
 *
 * @param backorderRate            short lines / lines ordered
 * @param firstTimeFillRate        units reserved at intake / units ordered
 * @param averageDaysOnBackorder   days from opening to closing, over fulfilled cases
 * @param p90DaysOnBackorder       the same, 90th percentile (linear interpolation)
 * @param cancellationRate         cancelled cases / closed cases
 * @param rootCauses               why cases ended badly, most frequent first (see {@link KpiQueries#rootCauses})
 * @param promisesKeptRate         fulfilled cases closed on or before their first promised date / fulfilled cases
 * @param averagePromiseSlipDays   closing date minus first promised date, over fulfilled cases (negative: early)
 * @param emailsPerCase            emails accepted by the mail server about the cases / cases opened
 */
record Kpis(
        long linesOrdered,
        long shortLines,
        Double backorderRate,
        long unitsOrdered,
        long unitsFilledAtIntake,
        Double firstTimeFillRate,
        long casesOpened,
        long casesOpen,
        long fulfilled,
        long alternativeAccepted,
        long cancelled,
        Double averageDaysOnBackorder,
        Double p90DaysOnBackorder,
        OfferAcceptance offerAcceptance,
        Double cancellationRate,
        List<Count> cancellationReasons,
        List<Count> rootCauses,
        long promisesKept,
        Double promisesKeptRate,
        Double averagePromiseSlipDays,
        Double emailsPerCase,
        List<Count> waitingNow) {

    /**
     * Per kind of offer: cases offered it, and how many took it.
     *
     * @param waiting     offered cases whose customer chose to wait
     * @param alternative cases offered an alternative that switched to one
     * @param discount    cases offered a discount whose customer chose to wait
     */
    record OfferAcceptance(Acceptance waiting, Acceptance alternative, Acceptance discount) {}

    record Acceptance(long offered, long accepted, Double rate) {}

    /** How many cases share a label: a cancellation reason, or where an open case waits. */
    record Count(String label, long cases) {}
}
