package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseOffers;
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

    RecordOfferDelegate(CaseOffers offers) {
        this.offers = offers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean reviewed = Boolean.TRUE.equals(REVIEW_REQUIRED.get(execution));
        Integer discount = DISCOUNT_PERCENT.get(execution);
        offers.record(CASE_ID.require(execution), discount == null ? 0 : Math.max(0, Math.min(100, discount)), reviewed,
                reviewed ? CurrentUser.of(execution) : null, ALTERNATIVE_SKUS.get(execution));
    }
}
