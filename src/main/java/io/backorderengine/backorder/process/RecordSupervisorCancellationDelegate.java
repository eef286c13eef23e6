package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.DecisionRefusedException;
import io.backorderengine.backorder.internal.RootCauses;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A supervisor cancels an escalated case; if the stock was allocated meanwhile, the case ships instead. */
@Component
@ModelBean
class RecordSupervisorCancellationDelegate implements JavaDelegate {
    private final CaseDecisions decisions;
    private final RootCauses rootCauses;

    RecordSupervisorCancellationDelegate(CaseDecisions decisions, RootCauses rootCauses) {
        this.decisions = decisions;
        this.rootCauses = rootCauses;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String reason = CANCEL_REASON.get(execution);
        try {
            decisions.recordCancellation(caseIdOf(execution), reason, CurrentUser.of(execution));
            NamedCause.of(execution)
                    .ifPresent(cause -> rootCauses.named(caseIdOf(execution), cause, CurrentUser.of(execution)));
        } catch (DecisionRefusedException e) {
            throw new BpmnError(ERROR_ALREADY_ALLOCATED, e.getMessage());
        }
    }
}
