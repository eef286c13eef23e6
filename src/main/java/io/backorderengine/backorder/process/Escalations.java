package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.backorder.internal.CaseOutcomes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Raises a case's escalation to a level: the supervisor task's due date and priority (the escalation policy's
 * table), and the order system is told.
 */
@Component
class Escalations {

    private final CaseOutcomes outcomes;
    private final PolicyTables policies;
    private final Clock clock;

    Escalations(CaseOutcomes outcomes, PolicyTables policies, Clock clock) {
        this.outcomes = outcomes;
        this.policies = policies;
        this.clock = clock;
    }

    /** @return when the supervisor's task is due */
    Instant raise(DelegateExecution execution, int level) {
        // as the task stores it: to the millisecond
        PolicyTables.Escalation policy = policies.escalation(level, CUSTOMER_TIER.get(execution));
        Instant due = clock.instant().plus(policy.supervisorDue()).truncatedTo(ChronoUnit.MILLIS);
        ESCALATION_LEVEL.set(execution, level);
        ESCALATION_PRIORITY.set(execution, policy.taskPriority());
        ESCALATION_DUE_AT.set(execution, Date.from(due));
        outcomes.record(caseIdOf(execution), OutcomeType.ESCALATED, Map.of("level", level, "dueAt", due));
        return due;
    }
}
