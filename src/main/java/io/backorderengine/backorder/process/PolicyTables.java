package io.backorderengine.backorder.process;

import java.time.Duration;
import java.util.Map;

import io.backorderengine.backorder.PolicyTable;
import io.backorderengine.backorder.internal.CaseRules;
import io.backorderengine.system.PolicyValues;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The policy tables analysts own in {@code processes/}, read by key: the newest deployed version of a
 * table decides, so deploying a changed table (from Camunda Modeler) changes every decision taken after
 * it, with no release. The offer is the one policy the model itself evaluates (a business rule task).
 *
 * <p>A table's durations are checked here as well as when an analyst deploys it, so an administrator's
 * mistake becomes an incident that names the table and the value, never a silently different wait.
 */
@Component
class PolicyTables implements CaseRules {

    private static final String WAITING = PolicyTable.WAITING.key();
    private static final String ESCALATION = PolicyTable.ESCALATION.key();
    private static final String DATE_CHANGE = PolicyTable.DATE_CHANGE.key();
    private static final String TASKS = PolicyTable.TASKS.key();

    /** The kinds of agents' tasks the task policy knows, by their id in the model. */
    static final Map<String, String> TASK_KINDS =
            Map.of("UserTask_ReviewOffer", "review-offer", OpenCalls.CONTACT_TASK, "contact-customer");

    /** How a case waits: decided once, when it opens. */
    record Waiting(Duration maxWait, String reminderCycle, int callAfterReminders) {}

    /** An escalation at one level. */
    record Escalation(Duration supervisorDue, int taskPriority, Duration keepWaitingFor) {}

    private final DecisionService decisions;

    PolicyTables(DecisionService decisions) {
        this.decisions = decisions;
    }

    Waiting waiting(String customerTier) {
        DmnDecisionRuleResult rule = evaluate(WAITING, Map.of("customerTier", customerTier));
        String cycle = text(WAITING, rule, "reminderCycle");
        if (!PolicyValues.isCycle(cycle)) {
            throw wrong(WAITING, "reminderCycle", cycle, "a repeating interval such as R/P7D");
        }
        return new Waiting(duration(WAITING, rule, "maxWait"), cycle, number(WAITING, rule, "callAfterReminders"));
    }

    Escalation escalation(int level, String customerTier) {
        DmnDecisionRuleResult rule =
                evaluate(ESCALATION, Map.of("escalationLevel", level, "customerTier", customerTier));
        int priority = number(ESCALATION, rule, "taskPriority");
        if (priority < 0 || priority > 100) {
            throw wrong(ESCALATION, "taskPriority", String.valueOf(priority), "a priority from 0 to 100");
        }
        return new Escalation(
                duration(ESCALATION, rule, "supervisorDue"), priority, duration(ESCALATION, rule, "keepWaitingFor"));
    }

    /** How long agents have for a task of this kind (see {@link #TASK_KINDS}) for this customer. */
    Duration taskDue(String kind, String customerTier) {
        return duration(TASKS, evaluate(TASKS, Map.of("taskKind", kind, "customerTier", customerTier)), "dueIn");
    }

    /**
     * After how many unanswered reminders an agent calls: as decided when the case opened, or (for a case
     * opened before the waiting policy said so) as the table says now.
     */
    int callAfterReminders(DelegateExecution execution) {
        Integer decided = BackorderProcess.CALL_AFTER_REMINDERS.get(execution);
        return decided != null
                ? decided
                : waiting(BackorderProcess.CUSTOMER_TIER.get(execution)).callAfterReminders();
    }

    @Override
    public boolean dateChangeWorthAnEmail(String customerTier, long daysMoved) {
        DmnDecisionRuleResult rule =
                evaluate(DATE_CHANGE, Map.of("daysMoved", daysMoved, "customerTier", customerTier));
        Object email = rule.get("emailCustomer");
        if (!(email instanceof Boolean yes)) {
            throw wrong(DATE_CHANGE, "emailCustomer", String.valueOf(email), "true or false");
        }
        return yes;
    }

    private DmnDecisionRuleResult evaluate(String key, Map<String, Object> inputs) {
        var result = decisions.evaluateDecisionTableByKey(key).variables(inputs).evaluate();
        if (result.isEmpty()) {
            throw new ProcessEngineException(
                    "decision table '%s' has no rule for %s; add a last rule that matches everything"
                            .formatted(key, inputs));
        }
        return result.getFirstResult();
    }

    private static String text(String key, DmnDecisionRuleResult rule, String output) {
        Object value = rule.get(output);
        if (!(value instanceof String text) || text.isBlank()) {
            throw wrong(key, output, String.valueOf(value), "a text in quotes");
        }
        return text.trim();
    }

    private static int number(String key, DmnDecisionRuleResult rule, String output) {
        Object value = rule.get(output);
        if (!(value instanceof Number number)) {
            throw wrong(key, output, String.valueOf(value), "a whole number");
        }
        return number.intValue();
    }

    private static Duration duration(String key, DmnDecisionRuleResult rule, String output) {
        String text = text(key, rule, output);
        return PolicyValues.positiveDuration(text)
                .orElseThrow(() -> wrong(key, output, text, "a positive ISO 8601 duration such as P21D or PT12H"));
    }

    private static ProcessEngineException wrong(String key, String output, String value, String expected) {
        return new ProcessEngineException(
                "decision table '%s' gives %s '%s'; it must be %s".formatted(key, output, value, expected));
    }
}
