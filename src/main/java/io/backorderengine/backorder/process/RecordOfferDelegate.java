package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Records the offer the customer will see: the policy's discount, or the one the reviewing agent set.
 * It runs right after the review task completes, so the engine's current user is the reviewer.
 */
@Component
@ModelBean
class RecordOfferDelegate implements JavaDelegate {

    private final CaseOffers offers;
    private final CasePolicy policy;

    RecordOfferDelegate(CaseOffers offers, CasePolicy policy) {
        this.offers = offers;
        this.policy = policy;
    }

    /** The discount is kept within the policy's bounds even if the offer table asks for more. */
    @Override
    public void execute(DelegateExecution execution) {
        boolean reviewed = Boolean.TRUE.equals(REVIEW_REQUIRED.get(execution));
        offers.record(
                caseIdOf(execution),
                policy.offer().bounded(DISCOUNT_PERCENT.get(execution)),
                reviewed,
                reviewed ? CurrentUser.of(execution) : null,
                ALTERNATIVE_SKUS.get(execution));
    }
}
