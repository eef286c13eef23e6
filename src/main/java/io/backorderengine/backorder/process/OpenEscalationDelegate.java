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

/** The case waited past its limit: a supervisor gets a task with a due date. */
@Component
@ModelBean
class OpenEscalationDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final CaseOutcomes outcomes;
    private final CasePolicy policy;
    private final Clock clock;

    OpenEscalationDelegate(CaseLedger ledger, CaseOutcomes outcomes, CasePolicy policy, Clock clock) {
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ESCALATION_LEVEL.set(execution, 1);
        ESCALATION_DUE_AT.set(
                execution, Date.from(clock.instant().plus(policy.escalation().due())));
        ledger.record(
                caseIdOf(execution),
                CaseLedgerKind.ESCALATED,
                null,
                "waited past the limit; supervisor task due "
                        + ESCALATION_DUE_AT.get(execution).toInstant());
        outcomes.record(
                caseIdOf(execution),
                OutcomeType.ESCALATED,
                Map.of("level", 1, "dueAt", ESCALATION_DUE_AT.get(execution).toInstant()));
    }
}
