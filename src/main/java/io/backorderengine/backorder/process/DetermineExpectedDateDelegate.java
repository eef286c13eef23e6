package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CasePromises;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Promises an expected date (first time) or re-promises it (supply changed); {@code dateMoved} says
 * whether the customer should hear about the new date.
 */
@Component
@ModelBean
class DetermineExpectedDateDelegate implements JavaDelegate {

    private final CasePromises promises;

    DetermineExpectedDateDelegate(CasePromises promises) {
        this.promises = promises;
    }

    @Override
    public void execute(DelegateExecution execution) {
        CasePromises.Outcome outcome = promises.promise(caseIdOf(execution));
        EXPECTED_DATE.set(execution, outcome.expectedDate().toString());
        EXPECTED_WAIT_DAYS.set(execution, (int) outcome.waitDays());
        // a first promise goes out with the backorder notice; later ones only when they moved far enough
        DATE_MOVED.set(execution, outcome.tellCustomer() && outcome.previousDate() != null);
    }
}
