package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.util.Date;
import java.util.Map;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.backorder.internal.CaseOutcomes;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The escalation was not resolved in time: raise its level and give it a new due date. */
@Component
@ModelBean
class ReEscalateDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final CaseOutcomes outcomes;
    private final CasePolicy policy;
    private final Clock clock;

    ReEscalateDelegate(CaseLedger ledger, CaseOutcomes outcomes, CasePolicy policy, Clock clock) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer level = ESCALATION_LEVEL.get(execution);
        int next = level == null ? 2 : level + 1;
        ESCALATION_LEVEL.set(execution, next);
        ESCALATION_DUE_AT.set(
                execution, Date.from(clock.instant().plus(policy.escalation().due())));
        ledger.record(caseIdOf(execution), CaseLedgerKind.RE_ESCALATED, null, "escalation overdue; now level " + next);
        outcomes.record(
                caseIdOf(execution),
                OutcomeType.ESCALATED,
                Map.of("level", next, "dueAt", ESCALATION_DUE_AT.get(execution).toInstant()));
    }
}
