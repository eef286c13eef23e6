package io.backorderengine.backorder.process;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * One call task per case: when an agent is asked again to call a customer (another reminder unanswered,
 * another email bounced) while the case's call task is still open, that task takes the request: it is due
 * again from now and says why again, instead of a second task for the same call.
 */
@Component
class OpenCalls {

    static final String CONTACT_TASK = "UserTask_ContactCustomer";

    private final TaskService tasks;
    private final PolicyTables policies;
    private final Clock clock;

    OpenCalls(TaskService tasks, PolicyTables policies, Clock clock) {
        this.tasks = tasks;
        this.policies = policies;
        this.clock = clock;
    }

    /** @return whether an open call task took the request (then no new one is to be started) */
    boolean askAgain(String caseId, String reason) {
        Task open = tasks.createTaskQuery()
                .processInstanceBusinessKey(caseId)
                .taskDefinitionKey(CONTACT_TASK)
                .singleResult();
        if (open == null) {
            return false;
        }
        Instant now = clock.instant();
        Instant due = now.plus(policies.taskDue(PolicyTables.TASK_KINDS.get(CONTACT_TASK), (String)
                tasks.getVariable(open.getId(), BackorderProcess.CUSTOMER_TIER.name())));
        open.setDueDate(Date.from(due));
        open.setFollowUpDate(Date.from(now));
        String again = "Asked again " + now.truncatedTo(ChronoUnit.MINUTES) + ": " + reason + ".";
        String description = open.getDescription() == null ? again : open.getDescription() + "\n" + again;
        // the description is a task column of at most 4,000 characters: the oldest requests go first
        open.setDescription(
                description.length() > 3_900 ? description.substring(description.length() - 3_900) : description);
        tasks.saveTask(open);
        return true;
    }
}
