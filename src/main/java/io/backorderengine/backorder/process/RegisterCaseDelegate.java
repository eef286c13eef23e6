package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Date;

import io.backorderengine.backorder.DuplicateCaseException;
import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.backorder.internal.CaseRegistry;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every case: registers it in our tables, exactly the same whether the order came
 * through {@code /api/orders} (intake registered it in the order's transaction; this step attaches the
 * process to it) or an order system started the process through {@code /engine-rest}.
 * A wrong or repeated start throws, which rolls the whole start back: no instance, no rows.
 */
@Component
@ModelBean
class RegisterCaseDelegate implements JavaDelegate {

    private final CaseRegistry registry;
    private final PolicyTables policies;
    private final Clock clock;

    RegisterCaseDelegate(CaseRegistry registry, PolicyTables policies, Clock clock) {
        this.registry = registry;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OpenCase c = CaseStart.openCase(execution.getVariables(), LocalDateTime.now(clock));
        if (c.orderId() != null && c.lineId() != null && !c.caseId().equals(execution.getBusinessKey())) {
            throw new InvalidCaseException("businessKey", "must be <orderId>-<lineId>, here " + c.caseId());
        }
        if (Boolean.TRUE.equals(CASE_REGISTERED.get(execution))) {
            if (!registry.attach(c.caseId(), execution.getProcessInstanceId())) {
                // another start took the case over meanwhile (two nodes' sweeps): this one is rolled back
                throw new DuplicateCaseException(c.caseId());
            }
        } else {
            registry.register(c, execution.getProcessInstanceId());
        }
        CASE_ID.set(execution, c.caseId());
        // the waiting policy as it stands when the case opens: a later version of the table applies to later cases
        PolicyTables.Waiting waiting = policies.waiting(c.customer().tier());
        MAX_WAIT_UNTIL.set(execution, Date.from(clock.instant().plus(waiting.maxWait())));
        REMINDER_CYCLE.set(execution, waiting.reminderCycle());
        CALL_AFTER_REMINDERS.set(execution, waiting.callAfterReminders());
    }
}
