package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The escalation was not resolved in time: raise its level and give it a new due date. */
@Component
@ModelBean
class ReEscalateDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final Escalations escalations;

    ReEscalateDelegate(CaseLedger ledger, Escalations escalations) {
        this.ledger = ledger;
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer level = ESCALATION_LEVEL.get(execution);
        int next = level == null ? 2 : level + 1;
        escalations.raise(execution, next);
        ledger.record(caseIdOf(execution), CaseLedgerKind.RE_ESCALATED, null, "escalation overdue; now level " + next);
    }
}
