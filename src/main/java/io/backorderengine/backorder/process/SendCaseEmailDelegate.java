package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.backorderengine.backorder.internal.CaseMails;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.springframework.stereotype.Component;

/**
 * Sends one of the case's customer emails; the template comes from the task's extension property
 * {@code template}, so analysts can reuse the task (the Modeler element template sets it). A
 * property rather than an input mapping: a mapping would make the task a scope, executed in a new
 * execution on every try, and the message key below must stay the same across tries.
 *
 * <p>Runs as an {@code asyncBefore} job with a retry cycle: an SMTP failure is thrown, the job
 * retries and finally raises an incident. The message key is the execution plus the activity, which
 * stay the same across retries of one job, so a retry after a successful send sends nothing.
 *
 * <p>Other cases of the same order that wait to send the same email (their job for this activity is
 * pending) are listed in this one; their own jobs then find their key covered and send nothing.
 */
@Component
@ModelBean(settings = "template")
class SendCaseEmailDelegate implements JavaDelegate {

    private final CaseMails mails;
    private final RuntimeService runtime;
    private final ManagementService management;
    /** By process definition id and template; a few entries per deployed version. */
    private final Map<String, List<String>> tasksSending = new ConcurrentHashMap<>();

    SendCaseEmailDelegate(CaseMails mails, RuntimeService runtime, ManagementService management) {
        this.mails = mails;
        this.runtime = runtime;
        this.management = management;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = caseIdOf(execution);
        String template = template(execution);
        String activity = execution.getCurrentActivityId();
        String reason =
                "date-changed".equals(template) ? SUPPLY_CHANGE_REASON.get(execution) : CANCEL_REASON.get(execution);
        mails.send(
                caseId,
                template,
                messageKey(caseId, template, execution.getId(), activity),
                siblings -> pendingSends(siblings, template, execution),
                reason);
    }

    /** The siblings (other cases of the order) whose job to send the same email is pending, with their keys. */
    private Map<String, String> pendingSends(List<String> siblings, String template, DelegateExecution execution) {
        Map<String, String> pendingSends = new LinkedHashMap<>();
        // a sibling may send the same email from another task (the notice of a case under review)
        List<String> sameEmail = tasksSending(template, execution);
        for (String sibling : siblings) {
            ProcessInstance instance = runtime.createProcessInstanceQuery()
                    .processInstanceBusinessKey(sibling)
                    .processDefinitionKey(KEY)
                    .singleResult();
            if (instance == null) {
                continue;
            }
            for (String sending : sameEmail) {
                for (Job job : management
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .activityId(sending)
                        .messages()
                        .list()) {
                    pendingSends.put(sibling, messageKey(sibling, template, job.getExecutionId(), sending));
                }
            }
        }
        return pendingSends;
    }

    /**
     * The ids of the model's tasks that send this template, once per process definition (a deployed model
     * does not change): finding them walks the model's whole XML document.
     */
    private List<String> tasksSending(String template, DelegateExecution execution) {
        return tasksSending.computeIfAbsent(
                execution.getProcessDefinitionId() + "/" + template,
                key ->
                        execution
                                .getBpmnModelElementInstance()
                                .getModelInstance()
                                .getModelElementsByType(ServiceTask.class)
                                .stream()
                                .filter(task -> template.equals(templateOf(task)))
                                .map(ServiceTask::getId)
                                .toList());
    }

    private static String template(DelegateExecution execution) {
        String template = templateOf(execution.getBpmnModelElementInstance());
        if (template == null) {
            throw new IllegalStateException("task " + execution.getCurrentActivityId() + " has no 'template' property");
        }
        return template;
    }

    private static String templateOf(FlowElement task) {
        return TaskSettings.of(task, TEMPLATE.name()).orElse(null);
    }

    /** The same for this case's own job and for a sibling's job about to send the same email. */
    static String messageKey(String caseId, String template, String executionId, String activityId) {
        return caseId + "/" + template + "/" + executionId + "/" + activityId;
    }
}
