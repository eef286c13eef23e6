package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.backorderengine.inventory.Inventory;
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

    /** A decision as recorded. */
    public record Decision(String decision, String alternativeSku, String reason, String decidedBy,
                           LocalDateTime decidedAt) {
    }

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CaseOffers offers;
    private final CaseLedger ledger;
    private final CaseInbox inbox;
    private final Inventory inventory;
    private final Clock clock;

    CaseDecisions(JdbcClient jdbc, CaseRepository cases, CaseOffers offers, CaseLedger ledger, CaseInbox inbox,
                  Inventory inventory, Clock clock) {
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
    public Decision decide(String caseId, CustomerDecision decision, String alternativeSku, String reason,
                           String actor) {
        CaseRecord c = cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (c.status().closed()) {
            throw new DecisionRefusedException("case-closed", "case %s is closed (%s)".formatted(caseId, c.status()));
        }
        latestFinal(caseId).ifPresent(earlier -> {
            throw new DecisionRefusedException("already-decided", "case %s already has the decision '%s'; it is being carried out"
                    .formatted(caseId, earlier.decision()));
        });
        switch (decision) {
            case WAIT -> inbox.queue(caseId, CaseMessage.WAIT_CHOSEN, Map.of("customerDecision", decision.code()));
            case ALTERNATIVE -> {
                if (alternativeSku == null || alternativeSku.isBlank()) {
                    throw new InvalidCaseException("alternativeSku", "is required when the decision is 'alternative'");
                }
                List<String> offered = offers.latest(caseId).map(o -> o.alternatives().stream()
                        .map(io.backorderengine.inventory.Alternative::sku).toList()).orElse(List.of());
                if (!offered.contains(alternativeSku)) {
                    throw new InvalidCaseException("alternativeSku",
                            "is not one of the alternatives offered for this case: " + offered);
                }
                switch (inventory.switchToAlternative(caseId, alternativeSku, c.quantityShort())) {
                    case ALREADY_ALLOCATED -> throw alreadyAllocated(caseId);
                    case ALTERNATIVE_UNAVAILABLE -> throw new DecisionRefusedException("alternative-unavailable",
                            "alternative %s is no longer in stock for %d units; the case keeps waiting"
                                    .formatted(alternativeSku, c.quantityShort()));
                    case SWITCHED -> inbox.queue(caseId, CaseMessage.ALTERNATIVE_CHOSEN,
                            Map.of("customerDecision", decision.code(), "alternativeSku", alternativeSku));
                }
            }
            case CANCEL -> {
                if (!inventory.withdrawBackorder(caseId)) {
                    throw alreadyAllocated(caseId);
                }
                Map<String, Object> variables = new java.util.HashMap<>();
                variables.put("customerDecision", decision.code());
                if (reason != null && !reason.isBlank()) {
                    variables.put("cancelReason", reason);
                }
                inbox.queue(caseId, CaseMessage.CANCELLATION_REQUESTED, variables);
            }
        }
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                        insert into case_decision (case_id, decision, alternative_sku, reason, decided_by, decided_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(caseId, decision.code(), decision == CustomerDecision.ALTERNATIVE ? alternativeSku : null,
                        reason, actor, now)
                .update();
        ledger.record(caseId, "DECIDED", actor, decision.code()
                + (decision == CustomerDecision.ALTERNATIVE ? " " + alternativeSku : "")
                + (reason == null ? "" : ": " + reason));
        return new Decision(decision.code(), decision == CustomerDecision.ALTERNATIVE ? alternativeSku : null, reason,
                actor, now);
    }

    /** Records a supervisor's cancellation taken inside the process (no message needed: the process acts itself). */
    @Transactional(noRollbackFor = DecisionRefusedException.class)
    public void recordCancellation(String caseId, String reason, String actor) {
        if (!inventory.withdrawBackorder(caseId)) {
            throw alreadyAllocated(caseId);
        }
        jdbc.sql("""
                        insert into case_decision (case_id, decision, alternative_sku, reason, decided_by, decided_at)
                        values (?, ?, null, ?, ?, ?)""")
                .params(caseId, CustomerDecision.CANCEL.code(), reason, actor, LocalDateTime.now(clock)).update();
        ledger.record(caseId, "DECIDED", actor, "cancel" + (reason == null ? "" : ": " + reason));
    }

    public List<Decision> history(String caseId) {
        return jdbc.sql("""
                        select decision, alternative_sku, reason, decided_by, decided_at from case_decision
                        where case_id = ? order by decision_id""")
                .param(caseId).query(Decision.class).list();
    }

    public java.util.Optional<Decision> latest(String caseId) {
        List<Decision> all = history(caseId);
        return all.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(all.get(all.size() - 1));
    }

    private java.util.Optional<Decision> latestFinal(String caseId) {
        return history(caseId).stream().filter(d -> !CustomerDecision.WAIT.code().equals(d.decision())).findFirst();
    }

    private static DecisionRefusedException alreadyAllocated(String caseId) {
        return new DecisionRefusedException("already-allocated",
                "the stock for case %s has been allocated; it ships now".formatted(caseId));
    }
}
