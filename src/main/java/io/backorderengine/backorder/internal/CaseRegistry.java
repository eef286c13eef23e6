package io.backorderengine.backorder.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Comparator;

import io.backorderengine.backorder.CaseFormats;
import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CaseOpened;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.DuplicateCaseException;
import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.inventory.Inventory;
import jakarta.validation.Validator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a case in our tables (the first step of every case, whichever door it came in through)
 * and closes it (the last).
 */
@Service
public class CaseRegistry {

    private static final Logger log = LoggerFactory.getLogger(CaseRegistry.class);
    private final CaseRepository cases;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Validator validator;
    private final CaseEndings endings;
    private final RootCauses rootCauses;

    CaseRegistry(
            CaseRepository cases,
            CaseLedger ledger,
            Inventory inventory,
            ApplicationEventPublisher events,
            Clock clock,
            Validator validator,
            CaseEndings endings,
            RootCauses rootCauses) {
        this.validator = validator;
        this.rootCauses = rootCauses;
        this.endings = endings;
        this.cases = cases;
        this.ledger = ledger;
        this.inventory = inventory;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Validates and stores a new case and puts its shortfall in the waiting line. Intake registers its cases
     * without a process instance (inside the order's transaction) and starts their processes after commit,
     * which then {@link #attach} to them; an order system's start through the engine's API registers with it.
     *
     * @throws InvalidCaseException   when a fact is missing or wrong (nothing is stored)
     * @throws DuplicateCaseException when the order line has a case already (nothing is stored)
     * @throws io.backorderengine.inventory.BackorderCapExceededException when no supply covers the shortfall
     */
    @Transactional
    public void register(OpenCase requested, String processInstanceId) {
        validate(requested);
        OpenCase c = requested.unitPrice() != null
                ? requested
                : requested.withUnitPrice(
                        inventory.product(requested.sku()).orElseThrow().unitPrice());
        if (cases.exists(c.caseId(), c.orderId(), c.lineId())) {
            throw new DuplicateCaseException(c.caseId());
        }
        cases.insert(c, processInstanceId, LocalDateTime.now(clock));
        inventory.enqueueBackorder(c.caseId(), c.sku(), c.quantityShort(), c.orderedAt(), c.shipComplete());
        recordOpened(c);
    }

    /**
     * Stores a case of an order intake is placing, whose shortfall intake has already put in the waiting line
     * under the product's lock ({@link Inventory#takeForOrderLine}), in the order's transaction. Intake knows
     * its SKUs and prices, and the order's new primary key rules out a second case for its lines; what is left
     * to check is the case's own facts, in memory. Every statement here is made while the order holds its
     * products' locks.
     *
     * @throws InvalidCaseException when a fact is missing or wrong
     */
    @Transactional
    public void registerQueued(OpenCase c) {
        validateFacts(c);
        cases.insert(c, null, LocalDateTime.now(clock));
        recordOpened(c);
    }

    private void recordOpened(OpenCase c) {
        ledger.record(
                c.caseId(),
                CaseLedgerKind.OPENED,
                null,
                "%d x %s short for order %s".formatted(c.quantityShort(), c.sku(), c.orderId()));
        events.publishEvent(new CaseOpened(c.caseId(), c.sku(), c.quantityShort()));
        log.info("Backorder case {} opened: {} x {} short", c.caseId(), c.quantityShort(), c.sku());
    }

    /**
     * Gives a case registered by intake its process instance.
     *
     * @return false when the case does not exist or has a process already (another start took it over)
     */
    @Transactional
    public boolean attach(String caseId, String processInstanceId) {
        return cases.attach(caseId, processInstanceId);
    }

    /**
     * Checks a case as {@link #register} would, storing nothing.
     *
     * @throws InvalidCaseException for the first fact that is missing or wrong
     */
    @Transactional(readOnly = true)
    public void check(OpenCase requested) {
        validate(requested);
    }

    /** Closes the case with its outcome; closing twice changes nothing. */
    @Transactional
    public void close(String caseId, CaseStatus outcome, String reason) {
        LocalDateTime now = LocalDateTime.now(clock);
        if (cases.close(caseId, outcome, reason, now)) {
            CaseRecord closed = cases.find(caseId).orElseThrow();
            endings.ended(closed, outcome, reason);
            rootCauses.closed(closed, outcome, now);
            ledger.record(
                    caseId,
                    CaseLedgerKind.CLOSED,
                    null,
                    reason == null ? outcome.name() : outcome.name() + ": " + reason);
            log.info("Backorder case {} closed: {}", caseId, outcome);
        }
    }

    /**
     * The formats of {@link CaseFormats} (the same an order is checked with), then what relates facts to
     * each other and to the catalog. Field names are those of the start variables.
     */
    private void validate(OpenCase c) {
        validateFacts(c);
        if (inventory.product(c.sku()).isEmpty()) {
            throw new InvalidCaseException("sku", "unknown SKU: " + c.sku());
        }
    }

    private void validateFacts(OpenCase c) {
        validator.validate(c).stream()
                .map(violation -> new InvalidCaseException(
                        variableName(violation.getPropertyPath().toString()), violation.getMessage()))
                .min(Comparator.comparing(InvalidCaseException::field))
                .ifPresent(invalid -> {
                    throw invalid;
                });
        OpenCase.Customer customer = c.customer();
        if ((customer.email() == null || customer.email().isBlank())
                && (customer.phone() == null || customer.phone().isBlank())) {
            throw new InvalidCaseException(
                    "customerEmail", "is required (or customerPhone, for customers without email)");
        }
        if (c.quantityOrdered() < c.quantityShort()) {
            throw new InvalidCaseException("quantityOrdered", "must not be less than quantityShort");
        }
    }

    /** {@code customer.timeZone} is the start variable {@code customerTimeZone}. */
    private static String variableName(String path) {
        if (!path.startsWith("customer.")) {
            return path;
        }
        String property = path.substring("customer.".length());
        return "customer" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
    }
}
