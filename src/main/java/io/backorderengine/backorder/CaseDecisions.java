package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.internal.CaseInbox;
import io.backorderengine.backorder.internal.CaseMessage;
import io.backorderengine.backorder.internal.CaseRecord;
import io.backorderengine.backorder.internal.CaseRepository;
import io.backorderengine.inventory.Alternative;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one door through which a customer's decision reaches a case, whoever passes it on (the shop's
 * account page over REST, or an agent who phoned the customer). The decision and its effect on stock
 * are stored first; the case's process hears of it as a message after commit.
 */
@Service
public class CaseDecisions {

    private static final RecordRows<Decision> DECISION_ROWS = RecordRows.of(Decision.class);

    /** A decision as recorded: what, who recorded it and how it came. */
    public record Decision(
            CustomerDecision decision,
            String alternativeSku,
            String reason,
            String decidedBy,
            LocalDateTime decidedAt,
            DecisionChannel channel) {}

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CaseOffers offers;
    private final CaseLedger ledger;
    private final CaseInbox inbox;
    private final Inventory inventory;
    private final Clock clock;

    CaseDecisions(
            JdbcClient jdbc,
            CaseRepository cases,
            CaseOffers offers,
            CaseLedger ledger,
            CaseInbox inbox,
            Inventory inventory,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.offers = offers;
        this.ledger = ledger;
        this.inbox = inbox;
        this.inventory = inventory;
        this.clock = clock;
    }

    /**
     * Records a decision and queues it for the case's process.
     *
     * <p>Every refusal is decided before anything is written, so a refusal inside a larger transaction
     * (an agent's task) leaves that transaction usable.
     *
     * @throws CaseNotFoundException    no such case
     * @throws InvalidCaseException     an alternative that was not offered
     * @throws DecisionRefusedException the case cannot take this decision now
     */
    @Transactional(noRollbackFor = {DecisionRefusedException.class, InvalidCaseException.class})
    public Decision decide(
            String caseId,
            CustomerDecision decision,
            String alternativeSku,
            String reason,
            String actor,
            DecisionChannel channel) {
        CaseRecord c = cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        refusal(c, decision, alternativeSku).ifPresent(refusal -> {
            throw refusal.exception();
        });
        switch (decision) {
            case WAIT -> {
                inbox.queue(caseId, CaseMessage.WAIT_CHOSEN, Map.of("customerDecision", decision.code()));
                jdbc.sql("update backorder_case set customer_waited = true where case_id = ?")
                        .param(caseId)
                        .update();
            }
            case ALTERNATIVE -> {
                switch (inventory.switchToAlternative(caseId, alternativeSku, c.quantityShort())) {
                    case ALREADY_ALLOCATED -> throw alreadyAllocated(caseId);
                    case ALTERNATIVE_UNAVAILABLE ->
                        throw new DecisionRefusedException(
                                DecisionRefusal.ALTERNATIVE_UNAVAILABLE, unavailable(alternativeSku, c));
                    case SWITCHED ->
                        inbox.queue(
                                caseId,
                                CaseMessage.ALTERNATIVE_CHOSEN,
                                Map.of("customerDecision", decision.code(), "alternativeSku", alternativeSku));
                }
            }
            case CANCEL -> {
                if (!inventory.withdrawBackorder(caseId)) {
                    throw alreadyAllocated(caseId);
                }
                Map<String, Object> variables = new HashMap<>();
                variables.put("customerDecision", decision.code());
                if (reason != null && !reason.isBlank()) {
                    variables.put("cancelReason", reason);
                }
                inbox.queue(caseId, CaseMessage.CANCELLATION_REQUESTED, variables);
            }
        }
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                        insert into case_decision (case_id, decision, alternative_sku, reason, decided_by, decided_at, channel)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        caseId,
                        decision.name(),
                        decision == CustomerDecision.ALTERNATIVE ? alternativeSku : null,
                        reason,
                        actor,
                        now,
                        channel.name())
                .update();
        ledger.record(
                caseId,
                CaseLedgerKind.DECIDED,
                actor,
                decision.code()
                        + (decision == CustomerDecision.ALTERNATIVE ? " " + alternativeSku : "")
                        + (reason == null ? "" : ": " + reason));
        return new Decision(
                decision,
                decision == CustomerDecision.ALTERNATIVE ? alternativeSku : null,
                reason,
                actor,
                now,
                channel);
    }

    /**
     * Why the case cannot take this decision now, or empty if it can; changes nothing. An agent's task
     * completion is checked with it before anything is written.
     *
     * @throws CaseNotFoundException no such case
     */
    @Transactional(readOnly = true)
    public Optional<Refusal> refusal(String caseId, CustomerDecision decision, String alternativeSku) {
        return refusal(
                cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId)), decision, alternativeSku);
    }

    /**
     * Why a decision is refused: either the request field at fault, or (for the case as a whole) the
     * reason; and what to tell the person.
     */
    public record Refusal(String field, DecisionRefusal reason, String message) {

        static Refusal of(DecisionRefusal reason, String message) {
            return new Refusal(null, reason, message);
        }

        static Refusal ofField(String field, String message) {
            return new Refusal(field, null, message);
        }

        RuntimeException exception() {
            return field == null
                    ? new DecisionRefusedException(reason, message)
                    : new InvalidCaseException(field, message);
        }
    }

    private Optional<Refusal> refusal(CaseRecord c, CustomerDecision decision, String alternativeSku) {
        String caseId = c.caseId();
        if (c.status().closed()) {
            return Optional.of(Refusal.of(DecisionRefusal.CASE_CLOSED, closed(c)));
        }
        Optional<Decision> earlier = latestFinal(caseId);
        if (earlier.isPresent()) {
            return Optional.of(Refusal.of(
                    DecisionRefusal.ALREADY_DECIDED,
                    "case %s already has the decision '%s'; it is being carried out"
                            .formatted(caseId, earlier.get().decision().code())));
        }
        if (decision != CustomerDecision.ALTERNATIVE) {
            return Optional.empty();
        }
        if (alternativeSku == null || alternativeSku.isBlank()) {
            return Optional.of(Refusal.ofField("alternativeSku", "is required when the decision is 'alternative'"));
        }
        List<String> offered = offers.latest(caseId)
                .map(o -> o.alternatives().stream().map(Alternative::sku).toList())
                .orElse(List.of());
        if (alternativeSku.equals(c.sku()) || !offered.contains(alternativeSku)) {
            return Optional.of(Refusal.ofField(
                    "alternativeSku", "is not one of the alternatives offered for this case: " + offered));
        }
        if (inventory.alternatives(c.sku(), c.quantityShort()).stream()
                .noneMatch(a -> a.sku().equals(alternativeSku))) {
            return Optional.of(Refusal.of(DecisionRefusal.ALTERNATIVE_UNAVAILABLE, unavailable(alternativeSku, c)));
        }
        return Optional.empty();
    }

    /** Records a supervisor's cancellation taken inside the process (no message needed: the process acts itself). */
    @Transactional(noRollbackFor = DecisionRefusedException.class)
    public void recordCancellation(String caseId, String reason, String actor) {
        if (!inventory.withdrawBackorder(caseId)) {
            throw alreadyAllocated(caseId);
        }
        jdbc.sql("""
                        insert into case_decision (case_id, decision, alternative_sku, reason, decided_by, decided_at, channel)
                        values (?, ?, null, ?, ?, ?, ?)""")
                .params(
                        caseId,
                        CustomerDecision.CANCEL.name(),
                        reason,
                        actor,
                        LocalDateTime.now(clock),
                        DecisionChannel.SUPERVISOR.name())
                .update();
        ledger.record(caseId, CaseLedgerKind.DECIDED, actor, "cancel" + (reason == null ? "" : ": " + reason));
    }

    public List<Decision> history(String caseId) {
        return jdbc.sql("""
                        select decision, alternative_sku, reason, decided_by, decided_at, channel from case_decision
                        where case_id = ? order by decision_id""").param(caseId).query(DECISION_ROWS).list();
    }

    public Optional<Decision> latest(String caseId) {
        List<Decision> all = history(caseId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    private Optional<Decision> latestFinal(String caseId) {
        return history(caseId).stream()
                .filter(d -> d.decision() != CustomerDecision.WAIT)
                .findFirst();
    }

    private static DecisionRefusedException alreadyAllocated(String caseId) {
        return new DecisionRefusedException(
                DecisionRefusal.ALREADY_ALLOCATED,
                "the stock for case %s has been allocated; it ships now".formatted(caseId));
    }

    /** Why a closed case takes no decision; also a supervisor's change of priority. */
    static String closed(CaseRecord c) {
        return "case %s is closed (%s)".formatted(c.caseId(), c.status());
    }

    private static String unavailable(String alternativeSku, CaseRecord c) {
        return "alternative %s is no longer in stock for %d units; the case keeps waiting"
                .formatted(alternativeSku, c.quantityShort());
    }
}
