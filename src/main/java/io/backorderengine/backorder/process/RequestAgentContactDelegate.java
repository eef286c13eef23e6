package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.util.Map;

import io.backorderengine.backorder.internal.CaseInbox;
import io.backorderengine.backorder.internal.CaseMessage;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * The customer has not answered the reminders: an agent should call. Raised the same way as for an
 * email that cannot be delivered, so the contact task has one place in the model. A step an analyst adds
 * from the element template "Ask an agent to call" may say why in its {@code reason} setting.
 */
@Component
@ModelBean(settings = "reason")
class RequestAgentContactDelegate implements JavaDelegate {

    private final CaseInbox inbox;
    private final PolicyTables policies;

    RequestAgentContactDelegate(CaseInbox inbox, PolicyTables policies) {
        this.inbox = inbox;
        this.policies = policies;
    }

    @Override
    public void execute(DelegateExecution execution) {
        inbox.queue(
                caseIdOf(execution),
                CaseMessage.AGENT_CONTACT_NEEDED,
                Map.of(
                        "contactReason",
                        TaskSettings.of(execution.getBpmnModelElementInstance(), "reason")
                                .orElseGet(() -> "no answer to %d reminders"
                                        .formatted(policies.callAfterReminders(execution)))));
    }
}
