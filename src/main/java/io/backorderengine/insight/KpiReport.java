package io.backorderengine.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.HashMap;
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

    /**
     * One query per subject, grouped by the breakdown's key; the total adds the groups up (every figure
     * but the percentile is a sum or a count), so a breakdown costs no second pass.
     */
    @Transactional(readOnly = true)
    Report report(InsightWindow window, GroupBy groupBy) {
        LocalDateTime from = window.start();
        LocalDateTime to = window.end();
        Parts parts = new Parts(
                queries.lines(groupBy, from, to),
                queries.cases(groupBy, from, to),
                queries.cancellationReasons(groupBy, from, to),
                queries.rootCauses(groupBy, from, to),
                queries.waitingNow(groupBy));
        Parts all = groupBy == GroupBy.ALL ? parts : parts.total(queries.p90Days(from, to));
        Kpis total = figure("all", all);
        if (groupBy == GroupBy.ALL) {
            return new Report(window.from(), window.to(), groupBy, total, List.of());
        }
        TreeSet<String> keys = new TreeSet<>();
        keys.addAll(parts.lines().keySet());
        keys.addAll(parts.cases().keySet());
        keys.addAll(parts.causes().keySet());
        keys.addAll(parts.waiting().keySet());
        List<Group> groups = keys.stream()
                .map(key -> new Group(key, figure(key, parts)))
                .sorted(Comparator.comparingLong((Group g) -> g.kpis().casesOpened())
                        .reversed()
                        .thenComparing(
                                Comparator.comparingLong((Group g) -> g.kpis().linesOrdered())
                                        .reversed())
                        .thenComparing(Group::key))
                .toList();
        return new Report(window.from(), window.to(), groupBy, total, groups);
    }

    private record Parts(
            Map<String, KpiQueries.LineRow> lines,
            Map<String, KpiQueries.CaseRow> cases,
            Map<String, List<KpiQueries.LabelRow>> reasons,
            Map<String, List<KpiQueries.LabelRow>> causes,
            Map<String, List<KpiQueries.LabelRow>> waiting) {

        /** The groups added up under the key "all", with the percentile over all of them. */
        Parts total(Double p90Days) {
            KpiQueries.LineRow l = new KpiQueries.LineRow("all", 0, 0, 0, 0);
            for (KpiQueries.LineRow row : lines.values()) {
                l = new KpiQueries.LineRow(
                        "all",
                        l.lines() + row.lines(),
                        l.shortLines() + row.shortLines(),
                        l.units() + row.units(),
                        l.unitsReserved() + row.unitsReserved());
            }
            KpiQueries.CaseRow c = KpiQueries.CaseRow.none("all");
            for (KpiQueries.CaseRow row : cases.values()) {
                c = c.plus(row);
            }
            return new Parts(
                    Map.of("all", l),
                    Map.of("all", c.withP90(p90Days)),
                    Map.of("all", merged(reasons)),
                    Map.of("all", merged(causes)),
                    Map.of("all", merged(waiting)));
        }

        private static List<KpiQueries.LabelRow> merged(Map<String, List<KpiQueries.LabelRow>> groups) {
            Map<String, Long> counts = new HashMap<>();
            groups.values().forEach(rows -> rows.forEach(r -> counts.merge(r.label(), r.cases(), Long::sum)));
            return counts.entrySet().stream()
                    .map(e -> new KpiQueries.LabelRow("all", e.getKey(), e.getValue()))
                    .sorted(Comparator.comparingLong(KpiQueries.LabelRow::cases)
                            .reversed()
                            .thenComparing(KpiQueries.LabelRow::label))
                    .toList();
        }
    }

    private static Kpis figure(String key, Parts parts) {
        var l = parts.lines().getOrDefault(key, new KpiQueries.LineRow(key, 0, 0, 0, 0));
        var c = parts.cases().getOrDefault(key, KpiQueries.CaseRow.none(key));
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
                c.fulfilled() == 0 ? null : days(c.sumDays() / c.fulfilled()),
                days(c.p90Days()),
                new Kpis.OfferAcceptance(
                        acceptance(c.offered(), c.waited()),
                        acceptance(c.alternativeOffered(), c.alternativeTaken()),
                        acceptance(c.discountOffered(), c.discountAccepted())),
                rate(c.cancelled(), closed),
                counts(parts.reasons().getOrDefault(key, List.of()), TOP_REASONS),
                counts(parts.causes().getOrDefault(key, List.of()), Integer.MAX_VALUE),
                c.kept(),
                rate(c.kept(), c.fulfilled()),
                c.slips() == 0 ? null : days(c.sumSlip() / c.slips()),
                c.cases() == 0 ? null : round(c.emails() / (double) c.cases(), 2),
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
