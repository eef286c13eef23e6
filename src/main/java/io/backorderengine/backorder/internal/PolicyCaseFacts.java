package io.backorderengine.backorder.internal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.backorderengine.backorder.PolicyTable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inputs each policy table was (or would have been) evaluated with for real cases, read from the
 * case's own records, so that a changed table can be replayed over them. The latest cases first.
 */
@Component
public class PolicyCaseFacts {

    /** The inputs of one case for one table. */
    public record Facts(String caseId, Map<String, Object> inputs) {}

    private record CaseRow(String caseId, String tier, int priority, BigDecimal unitPrice, int quantityShort) {}

    private record PromiseRow(String caseId, LocalDate expected, LocalDate promisedOn) {}

    private final JdbcClient jdbc;

    PolicyCaseFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The facts of the latest {@code limit} cases for a table: the offer (tier, expected
     * wait at the first promise, line value), allocation (priority, tier, line value), waiting (tier),
     * escalation (the first level, tier), date change (the latest move, for cases whose date moved) and tasks
     * (each kind, tier).
     */
    @Transactional(readOnly = true)
    public List<Facts> latest(PolicyTable table, int limit) {
        List<CaseRow> cases = jdbc.sql("""
                        select case_id, customer_tier, priority, unit_price, quantity_short from backorder_case
                        order by opened_at desc, case_id desc fetch first %d rows only""".formatted(limit))
                .query((rs, n) ->
                        new CaseRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBigDecimal(4), rs.getInt(5)))
                .list();
        Map<String, List<PromiseRow>> promises = promisesOf(cases);
        List<Facts> facts = new ArrayList<>();
        for (CaseRow c : cases) {
            Map<String, Object> inputs = new LinkedHashMap<>();
            List<PromiseRow> promised = promises.getOrDefault(c.caseId(), List.of());
            switch (table) {
                case OFFER -> {
                    if (promised.isEmpty()) {
                        continue;
                    }
                    PromiseRow first = promised.get(0);
                    inputs.put("customerTier", c.tier());
                    inputs.put(
                            "expectedWaitDays",
                            Math.max(0, ChronoUnit.DAYS.between(first.promisedOn(), first.expected())));
                    inputs.put("lineValue", lineValue(c));
                }
                case ALLOCATION -> {
                    inputs.put("priority", c.priority());
                    inputs.put("customerTier", c.tier());
                    inputs.put("lineValue", lineValue(c));
                }
                case WAITING -> inputs.put("customerTier", c.tier());
                case ESCALATION -> {
                    inputs.put("escalationLevel", 1);
                    inputs.put("customerTier", c.tier());
                }
                case TASKS -> {
                    // one decision per kind of task: the review and the call each case may have had
                    facts.add(new Facts(c.caseId(), Map.of("taskKind", "review-offer", "customerTier", c.tier())));
                    inputs.put("taskKind", "contact-customer");
                    inputs.put("customerTier", c.tier());
                }
                case DATE_CHANGE -> {
                    if (promised.size() < 2) {
                        continue;
                    }
                    PromiseRow last = promised.get(promised.size() - 1);
                    PromiseRow before = promised.get(promised.size() - 2);
                    inputs.put("daysMoved", ChronoUnit.DAYS.between(before.expected(), last.expected()));
                    inputs.put("customerTier", c.tier());
                }
            }
            facts.add(new Facts(c.caseId(), inputs));
        }
        return facts;
    }

    private Map<String, List<PromiseRow>> promisesOf(List<CaseRow> cases) {
        if (cases.isEmpty()) {
            return Map.of();
        }
        Map<String, List<PromiseRow>> byCase = new HashMap<>();
        String marks = String.join(", ", Collections.nCopies(cases.size(), "?"));
        jdbc.sql(
                        "select case_id, expected_date, promised_at from case_promise where case_id in (%s) order by promise_id"
                                .formatted(marks))
                .params(cases.stream().map(CaseRow::caseId).toList())
                .query((rs, n) -> new PromiseRow(
                        rs.getString(1),
                        rs.getObject(2, Date.class).toLocalDate(),
                        rs.getObject(3, Timestamp.class).toLocalDateTime().toLocalDate()))
                .list()
                .forEach(p -> byCase.computeIfAbsent(p.caseId(), id -> new ArrayList<>())
                        .add(p));
        return byCase;
    }

    private static double lineValue(CaseRow c) {
        return c.unitPrice() == null
                ? 0
                : c.unitPrice().multiply(BigDecimal.valueOf(c.quantityShort())).doubleValue();
    }
}
