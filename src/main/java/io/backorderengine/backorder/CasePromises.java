package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.internal.CaseOutcomes;
import io.backorderengine.backorder.internal.CaseRecord;
import io.backorderengine.backorder.internal.CaseRepository;
import io.backorderengine.backorder.internal.CaseRules;
import io.backorderengine.inventory.ExpectedSupply;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.SupplyBasis;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The expected dates promised to a customer: every promise is a new record, never an update. */
@Service
public class CasePromises {

    private static final RecordRows<Promise> PROMISE_ROWS = RecordRows.of(Promise.class);

    /** One promise as the customer saw it. */
    public record Promise(
            LocalDate expectedDate, SupplyBasis basis, String purchaseOrderId, LocalDateTime promisedAt) {}

    /**
     * The outcome of (re)promising.
     *
     * @param previousDate the date the customer was last told, or null for the first promise
     * @param changed      true when a new promise was recorded
     * @param tellCustomer true when the date moved far enough from what the customer was told
     */
    public record Outcome(
            LocalDate expectedDate, LocalDate previousDate, boolean changed, boolean tellCustomer, long waitDays) {}

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final CaseRules rules;
    private final CaseOutcomes outcomes;
    private final Clock clock;

    CasePromises(
            JdbcClient jdbc,
            CaseRepository cases,
            CaseLedger ledger,
            Inventory inventory,
            CaseRules rules,
            CaseOutcomes outcomes,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.inventory = inventory;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * Works out the expected date now and records it as a new promise when it differs from the last
     * one. The first promise is always told; a later one when the date change policy (a table analysts own)
     * finds it far enough from the date the customer was last told (small slips add up until they count).
     */
    @Transactional
    public Outcome promise(String caseId) {
        CaseRecord c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        ExpectedSupply supply = inventory.expectedSupplyFor(caseId);
        Optional<Promise> last = latest(caseId);
        Optional<LocalDate> told = lastTold(caseId);
        LocalDate today = LocalDate.now(clock);
        long waitDays = Math.max(0, ChronoUnit.DAYS.between(today, supply.expectedDate()));
        if (last.isPresent() && last.get().expectedDate().equals(supply.expectedDate())) {
            return new Outcome(supply.expectedDate(), told.orElse(null), false, false, waitDays);
        }
        boolean tell = told.isEmpty()
                || rules.dateChangeWorthAnEmail(
                        c.customerTier(), ChronoUnit.DAYS.between(told.get(), supply.expectedDate()));
        jdbc.sql("""
                        insert into case_promise (case_id, expected_date, basis, purchase_order_id, promised_at, notified)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        caseId,
                        supply.expectedDate(),
                        supply.basis().name(),
                        supply.purchaseOrderId(),
                        LocalDateTime.now(clock),
                        tell)
                .update();
        // the first promise is the one the KPIs hold the case to
        jdbc.sql("update backorder_case set first_promised_date = ? where case_id = ? and first_promised_date is null")
                .params(supply.expectedDate(), caseId)
                .update();
        LocalDate previous = last.map(Promise::expectedDate).orElse(null);
        ledger.record(
                caseId,
                CaseLedgerKind.PROMISED,
                null,
                (previous == null
                                ? "expected %s (%s)".formatted(supply.expectedDate(), supply.basis())
                                : "expected %s, was %s (%s)".formatted(supply.expectedDate(), previous, supply.basis()))
                        + (tell ? "" : "; within the threshold, customer not told"));
        if (previous == null) {
            outcomes.record(
                    c,
                    OutcomeType.BACKORDERED,
                    Map.of("sku", c.sku(), "quantityShort", c.quantityShort(), "expectedDate", supply.expectedDate()));
        } else {
            outcomes.record(
                    c,
                    OutcomeType.DATE_CHANGED,
                    Map.of("expectedDate", supply.expectedDate(), "previousDate", previous, "customerTold", tell));
        }
        return new Outcome(supply.expectedDate(), told.orElse(null), true, tell, waitDays);
    }

    /** The date the customer was last told. */
    public Optional<LocalDate> lastTold(String caseId) {
        return jdbc.sql("""
                        select expected_date from case_promise where case_id = ? and notified
                        order by promise_id desc fetch first 1 rows only""").param(caseId).query(LocalDate.class).optional();
    }

    /** The date told before the last told one: what a date-change email says the date moved from. */
    public Optional<LocalDate> toldBefore(String caseId) {
        return jdbc.sql("""
                        select expected_date from case_promise where case_id = ? and notified
                        order by promise_id desc offset 1 rows fetch next 1 rows only""").param(caseId).query(LocalDate.class).optional();
    }

    public Optional<Promise> latest(String caseId) {
        return jdbc.sql("""
                        select expected_date, basis, purchase_order_id, promised_at from case_promise
                        where case_id = ? order by promise_id desc fetch first 1 rows only""").param(caseId).query(PROMISE_ROWS).list().stream().findFirst();
    }

    public List<Promise> history(String caseId) {
        return jdbc.sql("""
                        select expected_date, basis, purchase_order_id, promised_at from case_promise
                        where case_id = ? order by promise_id""").param(caseId).query(PROMISE_ROWS).list();
    }
}
