package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The case is cancelled: what receipts allocated to it goes to the next in line. */
@Component
@ModelBean
class ReleaseReservationDelegate implements JavaDelegate {
    private final Inventory inventory;
    private final CaseLedger ledger;

    ReleaseReservationDelegate(Inventory inventory, CaseLedger ledger) {
        this.inventory = inventory;
        this.ledger = ledger;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String caseId = caseIdOf(execution);
        int units = inventory.releaseBackorder(caseId);
        ledger.record(caseId, CaseLedgerKind.RELEASED, null, units + " allocated unit(s) released");
    }
}
