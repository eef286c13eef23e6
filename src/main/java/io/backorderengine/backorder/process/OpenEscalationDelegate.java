package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The case waited past its limit: a supervisor gets a task with a due date. */
@Component
@ModelBean
class OpenEscalationDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final Escalations escalations;

    OpenEscalationDelegate(CaseLedger ledger, Escalations escalations) {
        this.ledger = ledger;
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var due = escalations.raise(execution, 1);
        ledger.record(
                caseIdOf(execution),
                CaseLedgerKind.ESCALATED,
                null,
                "waited past the limit; supervisor task due " + due);
    }
}
