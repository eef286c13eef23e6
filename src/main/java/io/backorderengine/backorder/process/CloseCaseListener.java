package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.internal.CaseRegistry;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * Closes the case in our tables when the process reaches an outcome. Used from the model as
 * {@code ${closeCaseListener.close(execution, 'FULFILLED')}} on each end event that ends a case.
 */
@Component
@ModelBean(methods = "close")
public class CloseCaseListener {

    private final CaseRegistry registry;

    CloseCaseListener(CaseRegistry registry) {
        this.registry = registry;
    }

    public void close(DelegateExecution execution, String outcome) {
        CaseStatus status = CaseStatus.valueOf(outcome);
        String reason = status == CaseStatus.CANCELLED
                ? CANCEL_REASON.get(execution)
                : status == CaseStatus.ALTERNATIVE_ACCEPTED ? "ships " + ALTERNATIVE_SKU.get(execution) : null;
        registry.close(caseIdOf(execution), status, reason);
    }
}
