package io.backorderengine.backorder.internal;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CasePromises;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.RootCause;
import io.backorderengine.inventory.StockCounts;
import io.backorderengine.inventory.SupplyBasis;
import org.springframework.stereotype.Component;

/**
 * Why a case ended badly, where its facts tell: a case cancelled, or fulfilled after its first promised
 * date. In this order, the first that holds:
 * <ol>
 * <li>{@code DATA_ERROR}: a stock count found the SKU's figure wrong while the case waited;</li>
 * <li>{@code SUPPLIER_SLIP}: the first promise came from a purchase order, and a later promise moved the
 * date out (or the case shipped late);</li>
 * <li>{@code NO_SUPPLY_ORDERED}: no promise ever came from a purchase order, only from the lead time.</li>
 * </ol>
 * Otherwise the cause stays unknown unless an agent names it (the desk's cancellation, the call and
 * escalation forms); a cause an agent named is never overwritten.
 */
@Component
public class RootCauses {

    private final CaseRepository cases;
    private final CasePromises promises;
    private final StockCounts counts;
    private final CaseLedger ledger;

    RootCauses(CaseRepository cases, CasePromises promises, StockCounts counts, CaseLedger ledger) {
        this.cases = cases;
        this.promises = promises;
        this.counts = counts;
        this.ledger = ledger;
    }

    /** An agent's word on the cause; kept over anything derived later. */
    public void named(String caseId, RootCause cause, String agent) {
        if (cases.recordRootCause(caseId, cause)) {
            ledger.record(caseId, CaseLedgerKind.CAUSE_RECORDED, agent, cause.name());
        }
    }

    /** At closing: records the derived cause of a case that ended badly, if its facts tell one. */
    void closed(CaseRecord c, CaseStatus outcome, LocalDateTime closedAt) {
        // the case row holds its first promised date: a case fulfilled in time (most cases, and every one a
        // receipt wakes in time) reads none of its promises
        boolean late = outcome == CaseStatus.FULFILLED
                && c.firstPromisedDate() != null
                && closedAt.toLocalDate().isAfter(c.firstPromisedDate());
        if (outcome != CaseStatus.CANCELLED && !late) {
            return;
        }
        derive(c, promises.history(c.caseId()), late).ifPresent(cause -> {
            if (cases.recordRootCause(c.caseId(), cause)) {
                ledger.record(c.caseId(), CaseLedgerKind.CAUSE_RECORDED, null, cause.name() + " (derived)");
            }
        });
    }

    private Optional<RootCause> derive(CaseRecord c, List<CasePromises.Promise> history, boolean late) {
        if (counts.correctedSince(c.sku(), c.openedAt())) {
            return Optional.of(RootCause.DATA_ERROR);
        }
        if (history.isEmpty()) {
            return Optional.empty();
        }
        CasePromises.Promise first = history.get(0);
        if (first.basis() == SupplyBasis.PURCHASE_ORDER) {
            boolean movedOut = history.stream().anyMatch(p -> p.expectedDate().isAfter(first.expectedDate()));
            return movedOut || late ? Optional.of(RootCause.SUPPLIER_SLIP) : Optional.empty();
        }
        boolean everOrdered = history.stream().anyMatch(p -> p.basis() == SupplyBasis.PURCHASE_ORDER);
        return everOrdered ? Optional.empty() : Optional.of(RootCause.NO_SUPPLY_ORDERED);
    }
}
