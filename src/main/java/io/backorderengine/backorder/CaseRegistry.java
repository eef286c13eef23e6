package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDateTime;

import io.backorderengine.inventory.Inventory;
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
    /** The languages emails and the decision page are written in. */
    static final java.util.List<String> SUPPORTED_LANGUAGES = java.util.List.of("en", "de");

    private final CaseRepository cases;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseRegistry(CaseRepository cases, CaseLedger ledger, Inventory inventory, ApplicationEventPublisher events,
                 Clock clock) {
        this.cases = cases;
        this.ledger = ledger;
        this.inventory = inventory;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Validates and stores a new case and puts its shortfall in the waiting line.
     *
     * @throws InvalidCaseException   when a fact is missing or wrong (nothing is stored)
     * @throws DuplicateCaseException when the order line has a case already (nothing is stored)
     * @throws io.backorderengine.inventory.BackorderCapExceededException when no supply covers the shortfall
     */
    @Transactional
    public void register(OpenCase requested, String processInstanceId) {
        validate(requested);
        OpenCase c = requested.unitPrice() != null ? requested
                : requested.withUnitPrice(inventory.product(requested.sku()).orElseThrow().unitPrice());
        if (cases.exists(c.caseId(), c.orderId(), c.lineId())) {
            throw new DuplicateCaseException(c.caseId());
        }
        cases.insert(c, processInstanceId, LocalDateTime.now(clock));
        inventory.enqueueBackorder(c.caseId(), c.sku(), c.quantityShort(), c.orderedAt(), c.shipComplete());
        ledger.record(c.caseId(), "OPENED", null, "%d x %s short for order %s".formatted(c.quantityShort(), c.sku(), c.orderId()));
        events.publishEvent(new CaseOpened(c.caseId(), c.sku(), c.quantityShort()));
        log.info("Backorder case {} opened: {} x {} short", c.caseId(), c.quantityShort(), c.sku());
    }

    /** Closes the case with its outcome; closing twice changes nothing. */
    @Transactional
    public void close(String caseId, CaseStatus outcome, String reason) {
        if (cases.close(caseId, outcome, reason, LocalDateTime.now(clock))) {
            ledger.record(caseId, "CLOSED", null, reason == null ? outcome.name() : outcome.name() + ": " + reason);
            log.info("Backorder case {} closed: {}", caseId, outcome);
        }
    }

    private void validate(OpenCase c) {
        require("orderId", c.orderId());
        require("lineId", c.lineId());
        if (c.lineId().contains("-")) {
            throw new InvalidCaseException("lineId", "must not contain '-' (the case id is <orderId>-<lineId>)");
        }
        require("sku", c.sku());
        if (c.quantityShort() <= 0) {
            throw new InvalidCaseException("quantityShort", "must be greater than 0");
        }
        OpenCase.Customer customer = c.customer();
        require("customerId", customer.id());
        require("customerName", customer.name());
        if ((customer.email() == null || customer.email().isBlank()) && (customer.phone() == null || customer.phone().isBlank())) {
            throw new InvalidCaseException("customerEmail", "is required (or customerPhone, for customers without email)");
        }
        if (customer.email() != null && !customer.email().matches("[^@\\s]+@[^@\\s]+")) {
            throw new InvalidCaseException("customerEmail", "must be an email address");
        }
        require("customerTier", customer.tier());
        if (!SUPPORTED_LANGUAGES.contains(customer.language())) {
            throw new InvalidCaseException("customerLanguage", "must be one of " + SUPPORTED_LANGUAGES);
        }
        try {
            java.time.ZoneId.of(customer.timeZone());
        } catch (java.time.DateTimeException | NullPointerException e) {
            throw new InvalidCaseException("customerTimeZone", "is not a known time zone: " + customer.timeZone());
        }
        if (c.quantityOrdered() < c.quantityShort()) {
            throw new InvalidCaseException("quantityOrdered", "must not be less than quantityShort");
        }
        if (inventory.product(c.sku()).isEmpty()) {
            throw new InvalidCaseException("sku", "unknown SKU: " + c.sku());
        }
    }

    private static void require(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCaseException(field, "is required");
        }
    }
}
