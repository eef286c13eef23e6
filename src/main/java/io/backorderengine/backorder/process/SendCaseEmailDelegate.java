package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.backorderengine.backorder.CaseMails;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Sends one of the case's customer emails; the template comes from the task's input parameter
 * {@code template}, so analysts can reuse the task (the Modeler element template sets it).
 *
 * <p>Runs as an {@code asyncBefore} job with a retry cycle: an SMTP failure is thrown, the job
 * retries and finally raises an incident. The message key is the execution plus the activity, which
 * stay the same across retries of one job, so a retry after a successful send sends nothing.
 */
@Component
class SendCaseEmailDelegate implements JavaDelegate {

    /** Values of the moment that templates show beside the case's stored facts. */
    private static final List<Variable<?>> EXTRAS = List.of(ALLOCATED_QUANTITY, REMAINING_QUANTITY);

    private final CaseMails mails;

    SendCaseEmailDelegate(CaseMails mails) {
        this.mails = mails;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = CASE_ID.require(execution);
        String template = TEMPLATE.require(execution);
        Map<String, Object> extra = new HashMap<>();
        for (Variable<?> variable : EXTRAS) {
            Object value = variable.get(execution);
            if (value != null) {
                extra.put(variable.name(), value);
            }
        }
        String reason = "date-changed".equals(template) ? SUPPLY_CHANGE_REASON.get(execution) : CANCEL_REASON.get(execution);
        if (reason != null) {
            extra.put("reason", reason);
        }
        String messageKey = caseId + "/" + template + "/" + execution.getId() + "/" + execution.getCurrentActivityId();
        mails.send(caseId, template, messageKey, extra);
    }
}
