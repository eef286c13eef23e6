package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The customer took the alternative (reserved when they chose it): the original product goes back. */
@Component
@ModelBean
class SwitchToAlternativeDelegate implements JavaDelegate {
    private final Inventory inventory;
    private final CaseLedger ledger;

    SwitchToAlternativeDelegate(Inventory inventory, CaseLedger ledger) {
        this.inventory = inventory;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = caseIdOf(execution);
        int units = inventory.releaseBackorder(caseId);
        ledger.record(
                caseId,
                CaseLedgerKind.SWITCHED,
                null,
                "ships " + ALTERNATIVE_SKU.get(execution) + "; " + units
                        + " allocated unit(s) of the original released");
    }
}
