package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.backorder.internal.CaseOutcomes;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/** Raises a case's escalation to a level: the supervisor task's due date, and the order system is told. */
@Component
class Escalations {

    private final CaseOutcomes outcomes;
    private final CasePolicy policy;
    private final Clock clock;

    Escalations(CaseOutcomes outcomes, CasePolicy policy, Clock clock) {
        this.outcomes = outcomes;
        this.policy = policy;
        this.clock = clock;
    }

    /** @return when the supervisor's task is due */
    Instant raise(DelegateExecution execution, int level) {
        // as the task stores it: to the millisecond
        Instant due = clock.instant().plus(policy.escalation().due()).truncatedTo(ChronoUnit.MILLIS);
        ESCALATION_LEVEL.set(execution, level);
        ESCALATION_DUE_AT.set(execution, Date.from(due));
        outcomes.record(caseIdOf(execution), OutcomeType.ESCALATED, Map.of("level", level, "dueAt", due));
        return due;
    }
}
