package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.util.Date;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The case waited past its limit: a supervisor gets a task with a due date. */
@Component
@ModelBean
class OpenEscalationDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final CasePolicy policy;
    private final Clock clock;

    OpenEscalationDelegate(CaseLedger ledger, CasePolicy policy, Clock clock) {
        this.ledger = ledger;
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
    }
}
