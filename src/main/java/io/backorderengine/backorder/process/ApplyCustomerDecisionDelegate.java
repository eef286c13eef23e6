package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CustomerDecision;
import io.backorderengine.backorder.DecisionChannel;
import io.backorderengine.backorder.DecisionRefusedException;
import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.backorder.internal.RootCauses;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * An agent reached the customer and records what they decided. It goes through the same door as
 * a decision from the shop's account page, so it is carried out the same way.
 */
@Component
@ModelBean
class ApplyCustomerDecisionDelegate implements JavaDelegate {
    private final CaseDecisions decisions;
    private final CaseLedger ledger;
    private final RootCauses rootCauses;

    ApplyCustomerDecisionDelegate(CaseDecisions decisions, CaseLedger ledger, RootCauses rootCauses) {
        this.rootCauses = rootCauses;
        this.decisions = decisions;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = caseIdOf(execution);
        String choice = CUSTOMER_DECISION.get(execution);
        if (choice == null || choice.isBlank() || choice.equals("unreachable")) {
            ledger.record(caseId, CaseLedgerKind.CUSTOMER_UNREACHABLE, CurrentUser.of(execution), null);
            return;
        }
        CustomerDecision decision = CustomerDecision.ofCode(choice)
                .orElseThrow(() -> refused(execution, "unknown decision '" + choice + "'"));
        try {
            decisions.decide(
                    caseId,
                    decision,
                    ALTERNATIVE_SKU.get(execution),
                    CANCEL_REASON.get(execution),
                    CurrentUser.of(execution),
                    DecisionChannel.AGENT);
            DECISION_REFUSAL.set(execution, null);
            if (decision == CustomerDecision.CANCEL) {
                NamedCause.of(execution).ifPresent(cause -> rootCauses.named(caseId, cause, CurrentUser.of(execution)));
            }
        } catch (DecisionRefusedException | InvalidCaseException e) {
            throw refused(execution, e.getMessage());
        }
    }

    // Back to the agent with the reason; nothing was written.
    private static BpmnError refused(DelegateExecution execution, String why) {
        DECISION_REFUSAL.set(execution, why);
        return new BpmnError(ERROR_DECISION_REFUSED, why);
    }
}
