package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.util.List;

import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.inventory.Alternative;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Finds in-stock alternatives and the line value: inputs of the offer policy. */
@Component
@ModelBean
class FindAlternativesDelegate implements JavaDelegate {

    private final CaseOffers offers;

    FindAlternativesDelegate(CaseOffers offers) {
        this.offers = offers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = caseIdOf(execution);
        List<Alternative> alternatives = offers.alternatives(caseId);
        ALTERNATIVE_SKUS.set(
                execution,
                String.join(",", alternatives.stream().map(Alternative::sku).toList()));
        ALTERNATIVE_COUNT.set(execution, alternatives.size());
        LINE_VALUE.set(execution, offers.lineValue(caseId).doubleValue());
    }
}
