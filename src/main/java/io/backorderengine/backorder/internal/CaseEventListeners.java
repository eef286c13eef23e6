package io.backorderengine.backorder.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseReprioritized;
import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.LeadTimeChanged;
import io.backorderengine.inventory.StockAllocated;
import io.backorderengine.inventory.StockAllocations;
import io.backorderengine.inventory.SupplyChanged;
import io.backorderengine.notification.CustomerUnreachable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns inventory events into case messages. Runs inside the publishing transaction, so the message
 * is stored together with the allocation or supply change that caused it.
 */
@Component
class CaseEventListeners {

    private final CaseInbox inbox;
    private final CaseRepository cases;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final CaseOutcomes outcomes;

    CaseEventListeners(
            CaseInbox inbox, CaseRepository cases, CaseLedger ledger, Inventory inventory, CaseOutcomes outcomes) {
        this.inbox = inbox;
        this.cases = cases;
        this.ledger = ledger;
        this.inventory = inventory;
        this.outcomes = outcomes;
    }

    /** Each allocated case gets its outcome, its ledger line and its wake-up; each kind in one batch. */
    @EventListener
    void on(StockAllocations made) {
        List<StockAllocated> allocations = made.allocations();
        Map<String, CaseRecord> found =
                cases.findAll(allocations.stream().map(StockAllocated::caseId).toList());
        List<CaseOutcomes.Recorded> outcomeRows = new ArrayList<>();
        List<CaseLedger.NewEntry> ledgerLines = new ArrayList<>();
        List<CaseInbox.Queued> wakeUps = new ArrayList<>();
        for (StockAllocated allocated : allocations) {
            CaseRecord c = found.get(allocated.caseId());
            if (c == null) {
                throw new CaseNotFoundException(allocated.caseId());
            }
            outcomeRows.add(new CaseOutcomes.Recorded(
                    c,
                    allocated.complete() ? OutcomeType.ALLOCATED : OutcomeType.PARTIALLY_ALLOCATED,
                    Map.of(
                            "sku", allocated.sku(),
                            "quantity", allocated.quantity(),
                            "remaining", allocated.remaining())));
            ledgerLines.add(new CaseLedger.NewEntry(
                    allocated.caseId(),
                    CaseLedgerKind.ALLOCATED,
                    null,
                    "%d x %s allocated, %d still missing"
                            .formatted(allocated.quantity(), allocated.sku(), allocated.remaining())));
            wakeUps.add(wakeUp(allocated));
        }
        outcomes.recordAll(outcomeRows);
        ledger.recordAll(ledgerLines);
        inbox.queueAll(wakeUps);
    }

    private static CaseInbox.Queued wakeUp(StockAllocated allocated) {
        if (allocated.complete()) {
            // the case ends on it: variables set now would be written and deleted again a moment later
            // (the ship notice reads the allocation from the case's rows), a tenth of a wake's statements
            return new CaseInbox.Queued(allocated.caseId(), CaseMessage.STOCK_ALLOCATED, Map.of());
        }
        return new CaseInbox.Queued(
                allocated.caseId(),
                CaseMessage.STOCK_PARTLY_ALLOCATED,
                Map.of("allocatedQuantity", allocated.quantity(), "remainingQuantity", allocated.remaining()));
    }

    /** An email did not reach the customer: an agent contacts them (while the case is open). */
    @EventListener
    void on(CustomerUnreachable unreachable) {
        for (String caseId : unreachable.caseIds()) {
            if (cases.find(caseId).filter(c -> !c.status().closed()).isPresent()) {
                ledger.record(caseId, CaseLedgerKind.CUSTOMER_UNREACHABLE, null, unreachable.reason());
                inbox.queue(caseId, CaseMessage.AGENT_CONTACT_NEEDED, Map.of("contactReason", unreachable.reason()));
            }
        }
    }

    /**
     * Supply for a SKU changed: the dates of its whole waiting line are worked out once, and only the
     * cases whose date moves are told to re-promise (each then decides whether the customer hears).
     */
    @EventListener
    void on(SupplyChanged changed) {
        repromiseMoved(changed.sku(), reason(changed));
    }

    /** A supplier's lead time changed: dates that rest on it move. */
    @EventListener
    void on(LeadTimeChanged changed) {
        changed.skus().forEach(sku -> repromiseMoved(sku, "planning-updated"));
    }

    /** A supervisor moved a case in line: the cases whose covering supply changed are re-promised. */
    @EventListener
    void on(CaseReprioritized reprioritized) {
        repromiseMoved(reprioritized.sku(), "planning-updated");
    }

    private void repromiseMoved(String sku, String reason) {
        var promised = cases.lastPromisedOfOpen(sku);
        inventory.expectedSupplyOfLine(sku).forEach((caseId, supply) -> {
            LocalDate last = promised.get(caseId);
            if (last != null && !last.equals(supply.expectedDate())) {
                inbox.queue(caseId, CaseMessage.SUPPLIER_DATE_CHANGED, Map.of("supplyChangeReason", reason));
            }
        });
    }

    /** A reason code; the email templates say it in the customer's language. */
    private static String reason(SupplyChanged changed) {
        if (changed.expectedDate() == null) {
            return "delivery-cancelled";
        }
        if (changed.previousDate() == null) {
            return "delivery-scheduled";
        }
        return changed.expectedDate().isAfter(changed.previousDate()) ? "delivery-postponed" : "delivery-earlier";
    }
}
