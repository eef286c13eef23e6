package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;

import io.backorderengine.backorder.CaseTasks;
import io.backorderengine.backorder.internal.CaseSnapshots;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every user task of a case, whichever the analysts add: on create it gets the case snapshot and link
 * its form shows, and it is recorded in the case's task list; on complete or withdrawal that is
 * recorded too. Fed by the Camunda starter's task eventing, inside the engine's transaction.
 */
@Component
class CaseTaskListener {

    /** How each task's result reads in the case view. */
    private static final Map<String, Function<DelegateTask, String>> OUTCOMES = Map.of(
            "UserTask_ReviewOffer", t -> "discount " + DISCOUNT_PERCENT.get(t) + "%",
            "UserTask_ResolveEscalation", t -> SUPERVISOR_DECISION.get(t),
            "UserTask_ContactCustomer", t -> CUSTOMER_DECISION.get(t));

    private final CaseTasks tasks;
    private final CaseSnapshots snapshots;
    private final TaskLabels labels;

    CaseTaskListener(CaseTasks tasks, CaseSnapshots snapshots, TaskLabels labels) {
        this.tasks = tasks;
        this.snapshots = snapshots;
        this.labels = labels;
    }

    @EventListener
    void on(DelegateTask task) {
        String caseId = caseIdOf(task);
        if (caseId == null) {
            return;
        }
        switch (task.getEventName()) {
            case TaskListener.EVENTNAME_CREATE -> created(task, caseId);
            case TaskListener.EVENTNAME_COMPLETE ->
                tasks.completed(
                        caseId,
                        task.getId(),
                        kindOf(task),
                        completedBy(task),
                        OUTCOMES.getOrDefault(task.getTaskDefinitionKey(), t -> null)
                                .apply(task));
            case TaskListener.EVENTNAME_DELETE -> tasks.withdrawn(caseId, task.getId(), kindOf(task));
            default -> {}
        }
    }

    private void created(DelegateTask task, String caseId) {
        // the case records the task by its kind (the model's name); Tasklist shows the full label
        String kind = task.getName();
        labels.label(task, kind, caseId);
        // local to the task: each task shows the case as it was when the task was created
        CaseSnapshots.Picture picture = snapshots.picture(caseId);
        task.setVariableLocal(CASE_SNAPSHOT.name(), picture.json());
        task.setVariableLocal(CASE_LINK.name(), snapshots.link(caseId));
        task.setVariableLocal(CASE_FACTS.name(), picture.facts());
        String group = task.getCandidates().stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .findFirst()
                .orElse(null);
        LocalDateTime due = task.getDueDate() == null
                ? null
                : LocalDateTime.ofInstant(task.getDueDate().toInstant(), ZoneId.systemDefault());
        tasks.created(caseId, task.getId(), task.getTaskDefinitionKey(), kind, group, due);
    }

    /** The task's kind: its label up to the first " · " (the label starts with the model's name). */
    private static String kindOf(DelegateTask task) {
        String name = task.getName();
        int end = name == null ? -1 : name.indexOf(" · ");
        return end < 0 ? name : name.substring(0, end);
    }

    private static String completedBy(DelegateTask task) {
        Authentication current =
                task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (current != null && current.getUserId() != null) {
            return current.getUserId();
        }
        return task.getAssignee() == null ? "system" : task.getAssignee();
    }
}
