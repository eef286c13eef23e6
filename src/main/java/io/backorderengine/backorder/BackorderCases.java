package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import io.backorderengine.backorder.internal.CaseRecord;
import io.backorderengine.backorder.internal.CaseRegistry;
import io.backorderengine.backorder.internal.CaseRepository;
import io.backorderengine.backorder.internal.CaseStarts;
import io.backorderengine.backorder.internal.CaseWorkflow;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.notification.EmailSummary;
import io.backorderengine.notification.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The backorder module's API for other modules and its own web layer. */
@Service
public class BackorderCases {

    private static final Logger log = LoggerFactory.getLogger(BackorderCases.class);

    private final CaseWorkflow workflow;
    private final CaseRegistry registry;
    private final CaseRepository cases;
    private final CasePromises promises;
    private final CaseOffers offers;
    private final CaseDecisions decisions;
    private final CaseTasks tasks;
    private final CaseLedger ledger;
    private final Notifications notifications;
    private final Inventory inventory;
    private final ApplicationEventPublisher events;
    private final CaseStarts starts;

    BackorderCases(
            CaseWorkflow workflow,
            CaseRegistry registry,
            CaseRepository cases,
            CasePromises promises,
            CaseOffers offers,
            CaseDecisions decisions,
            CaseTasks tasks,
            CaseLedger ledger,
            Notifications notifications,
            Inventory inventory,
            ApplicationEventPublisher events,
            CaseStarts starts) {
        this.starts = starts;
        this.registry = registry;
        this.inventory = inventory;
        this.events = events;
        this.workflow = workflow;
        this.cases = cases;
        this.promises = promises;
        this.offers = offers;
        this.decisions = decisions;
        this.tasks = tasks;
        this.ledger = ledger;
        this.notifications = notifications;
    }

    /**
     * Opens a case for a short order line in the caller's transaction, whose shortfall the caller has put in
     * the waiting line ({@code Inventory.takeForOrderLine}): the case row and its place in the line commit
     * together with the order, or not at all. The case's process is started after commit
     * ({@link #startSoon}), outside the order's transaction and its locks.
     *
     * @return the case id (the process instance's business key)
     */
    @Transactional
    public String open(OpenCase openCase) {
        registry.registerQueued(openCase);
        return openCase.caseId();
    }

    /**
     * Starts the processes of one order's cases, opened and committed, together in one transaction (see
     * {@link CaseStarts}); returns when they have started, or have failed to and are left to a sweep.
     */
    public void start(List<String> caseIds) {
        starts.start(caseIds);
    }

    /**
     * Queues the start of one order's cases, opened and committed, and returns at once (unless the node's
     * queue of starts is full): the cases are safe in our tables, their processes follow in a moment.
     */
    public void startSoon(List<String> caseIds) {
        starts.startSoon(caseIds);
    }

    /**
     * Starts the processes an order's cases are still missing: an order system that places the order again
     * after a failure (the node stopped between the order's commit and the starts) gets them at once.
     */
    public void startUnstarted(String orderId) {
        List<String> unstarted = cases.withoutProcessOfOrder(orderId);
        if (!unstarted.isEmpty()) {
            log.info(
                    "Order {} placed again: starting the processes of {} case(s) registered without one",
                    orderId,
                    unstarted);
            starts.start(unstarted);
        }
    }

    /** What the allocation policy ranks a case by. */
    public record RankingFacts(int priority, String customerTier, BigDecimal lineValue) {}

    /** The facts a case is ranked by, read from the case's own row (its view reads much more). */
    @Transactional(readOnly = true)
    public Optional<RankingFacts> rankingFacts(String caseId) {
        return cases.find(caseId).map(c -> new RankingFacts(c.priority(), c.customerTier(), c.lineValue()));
    }

    @Transactional(readOnly = true)
    public Optional<CaseView> find(String caseId) {
        return cases.find(caseId).map(c -> {
            List<CasePromises.Promise> promised = promises.history(caseId);
            return new CaseView(
                    c.caseId(),
                    c.orderId(),
                    c.lineId(),
                    c.sku(),
                    inventory.product(c.sku()).map(Product::name).orElse(c.sku()),
                    c.quantityOrdered(),
                    c.quantityShort(),
                    c.unitPrice(),
                    c.status(),
                    c.openedAt(),
                    c.closedAt(),
                    c.closeReason(),
                    c.rootCause(),
                    c.priority(),
                    c.shipComplete(),
                    CaseView.Customer.of(c.customer()),
                    promised.isEmpty()
                            ? null
                            : promised.get(promised.size() - 1).expectedDate(),
                    promised,
                    offers.history(caseId),
                    decisions.history(caseId),
                    notifications.forCase(caseId).stream().map(EmailSummary::of).toList(),
                    tasks.of(caseId),
                    ledger.entries(caseId));
        });
    }

    /**
     * A supervisor changes a case's priority: it is ranked again by the allocation policy, and the
     * cases whose expected date moves because of it are re-promised.
     *
     * @throws DecisionRefusedException when the case is closed
     */
    @Transactional
    public void prioritize(String caseId, int priority, String actor) {
        CaseRecord c = cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        if (c.status().closed()) {
            throw new DecisionRefusedException(DecisionRefusal.CASE_CLOSED, CaseDecisions.closed(c));
        }
        cases.prioritize(caseId, priority);
        ledger.record(caseId, CaseLedgerKind.PRIORITIZED, actor, "priority " + priority);
        workflow.rank(caseId);
        events.publishEvent(new CaseReprioritized(caseId, c.sku(), priority));
    }
}
