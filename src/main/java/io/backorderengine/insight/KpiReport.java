package io.backorderengine.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** KPIs over a window of days, in total and per group, from {@link KpiQueries}. */
@Service
class KpiReport {

    /** How many cancellation reasons a group lists, most frequent first. */
    static final int TOP_REASONS = 5;

    /**
     * @param from    first day, inclusive
     * @param to      last day, inclusive
     * @param groups  one per key of the breakdown, most cases first (empty without a breakdown)
     */
    record Report(LocalDate from, LocalDate to, GroupBy groupBy, Kpis total, List<Group> groups) {}

    record Group(String key, Kpis kpis) {}

    private final KpiQueries queries;

    KpiReport(KpiQueries queries) {
        this.queries = queries;
    }

    @Transactional(readOnly = true)
    Report report(InsightWindow window, GroupBy groupBy) {
        Kpis total = figures(window, GroupBy.ALL).getOrDefault("all", figure("all", Parts.EMPTY));
        List<Group> groups = groupBy == GroupBy.ALL
                ? List.of()
                : figures(window, groupBy).entrySet().stream()
                        .map(e -> new Group(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparingLong((Group g) -> g.kpis().casesOpened())
                                .reversed()
                                .thenComparing(Comparator.comparingLong(
                                                (Group g) -> g.kpis().linesOrdered())
                                        .reversed())
                                .thenComparing(Group::key))
                        .toList();
        return new Report(window.from(), window.to(), groupBy, total, groups);
    }

    private Map<String, Kpis> figures(InsightWindow window, GroupBy groupBy) {
        LocalDateTime from = window.start();
        LocalDateTime to = window.end();
        Parts parts = new Parts(
                queries.lines(groupBy, from, to),
                queries.cases(groupBy, from, to),
                queries.offers(groupBy, from, to),
                queries.emails(groupBy, from, to),
                queries.cancellationReasons(groupBy, from, to),
                queries.rootCauses(groupBy, from, to),
                queries.waitingNow(groupBy));
        TreeSet<String> keys = new TreeSet<>();
        keys.addAll(parts.lines().keySet());
        keys.addAll(parts.cases().keySet());
        keys.addAll(parts.waiting().keySet());
        Map<String, Kpis> figures = new LinkedHashMap<>();
        keys.forEach(key -> figures.put(key, figure(key, parts)));
        return figures;
    }

    private record Parts(
            Map<String, KpiQueries.LineRow> lines,
            Map<String, KpiQueries.CaseRow> cases,
            Map<String, KpiQueries.OfferRow> offers,
            Map<String, KpiQueries.EmailRow> emails,
            Map<String, List<KpiQueries.LabelRow>> reasons,
            Map<String, List<KpiQueries.LabelRow>> causes,
            Map<String, List<KpiQueries.LabelRow>> waiting) {

        static final Parts EMPTY = new Parts(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
    }

    private static Kpis figure(String key, Parts parts) {
        var l = parts.lines().getOrDefault(key, new KpiQueries.LineRow(key, 0, 0, 0, 0));
        var c = parts.cases().getOrDefault(key, new KpiQueries.CaseRow(key, 0, 0, 0, 0, 0, null, null, 0, null));
        var o = parts.offers().getOrDefault(key, new KpiQueries.OfferRow(key, 0, 0, 0, 0, 0, 0));
        long emails = parts.emails().containsKey(key) ? parts.emails().get(key).emails() : 0;
        long closed = c.fulfilled() + c.alternative() + c.cancelled();
        return new Kpis(
                l.lines(),
                l.shortLines(),
                rate(l.shortLines(), l.lines()),
                l.units(),
                l.unitsReserved(),
                rate(l.unitsReserved(), l.units()),
                c.cases(),
                c.open(),
                c.fulfilled(),
                c.alternative(),
                c.cancelled(),
                days(c.averageDays()),
                days(c.p90Days()),
                new Kpis.OfferAcceptance(
                        acceptance(o.offered(), o.waited()),
                        acceptance(o.alternativeOffered(), o.alternativeTaken()),
                        acceptance(o.discountOffered(), o.discountAccepted())),
                rate(c.cancelled(), closed),
                counts(parts.reasons().getOrDefault(key, List.of()), TOP_REASONS),
                counts(parts.causes().getOrDefault(key, List.of()), Integer.MAX_VALUE),
                c.kept(),
                rate(c.kept(), c.fulfilled()),
                days(c.averageSlip()),
                c.cases() == 0 ? null : round(emails / (double) c.cases(), 2),
                counts(parts.waiting().getOrDefault(key, List.of()), Integer.MAX_VALUE));
    }

    private static Kpis.Acceptance acceptance(long offered, long accepted) {
        return new Kpis.Acceptance(offered, accepted, rate(accepted, offered));
    }

    private static List<Kpis.Count> counts(List<KpiQueries.LabelRow> rows, int limit) {
        return rows.stream()
                .limit(limit)
                .map(r -> new Kpis.Count(r.label(), r.cases()))
                .toList();
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : round(part / (double) whole, 4);
    }

    private static Double days(Double days) {
        return days == null ? null : round(days, 2);
    }

    static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
