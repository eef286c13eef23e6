package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.internal.CaseMails;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** After enough unanswered reminders, an agent should call the customer. */
@Component
@ModelBean
class CheckCustomerSilenceDelegate implements JavaDelegate {
    private final CaseMails mails;
    private final PolicyTables policies;

    CheckCustomerSilenceDelegate(CaseMails mails, PolicyTables policies) {
        this.mails = mails;
        this.policies = policies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CUSTOMER_SILENT.set(
                execution,
                mails.remindersSinceLastDecision(caseIdOf(execution)) >= policies.callAfterReminders(execution));
    }
}
