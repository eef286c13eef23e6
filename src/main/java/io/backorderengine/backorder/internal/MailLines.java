package io.backorderengine.backorder.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.backorder.CasePromises;
import io.backorderengine.backorder.CustomerDecision;
import io.backorderengine.backorder.DecisionLinks;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.system.CustomerFormats;
import org.springframework.stereotype.Component;

/** Reads what a customer email tells about one case from the case's tables and stock. */
@Component
class MailLines {

    /**
     * Emails about a case that is still open: they carry a link to decide on it, and are not sent once
     * the case has ended (a partial-shipment notice whose job runs after the rest arrived would
     * otherwise reach the customer after the ship notice).
     */
    static final Set<String> ABOUT_AN_OPEN_CASE =
            Set.of("backorder-notice", "offer", "date-changed", "status-reminder", "partly-allocated");

    private final CasePromises promises;
    private final CaseOffers offers;
    private final CaseDecisions decisions;
    private final Inventory inventory;
    private final DecisionLinks links;

    MailLines(
            CasePromises promises,
            CaseOffers offers,
            CaseDecisions decisions,
            Inventory inventory,
            DecisionLinks links) {
        this.promises = promises;
        this.offers = offers;
        this.decisions = decisions;
        this.inventory = inventory;
        this.links = links;
    }

    /** A case's line in the email, and the decision link it issued (to store with the email), if any. */
    record Composed(MailLine line, Optional<DecisionLinks.Link> link) {}

    /**
     * @param reason the reason given with the email, for a case that has none of its own
     */
    Composed compose(CaseRecord c, String template, Locale locale, ZoneId zone, String reason) {
        Optional<CaseOffers.Offer> offer = offers.latest(c.caseId());
        Optional<CaseDecisions.Decision> decision = decisions.latest(c.caseId());
        Optional<Product> alternative = decision.map(CaseDecisions.Decision::alternativeSku)
                .map(sku -> inventory.product(sku).orElseThrow());
        Optional<DecisionLinks.Link> link =
                ABOUT_AN_OPEN_CASE.contains(template) && !c.status().closed()
                        ? Optional.of(links.issue(c.caseId()))
                        : Optional.empty();
        int allocated = inventory.allocatedTo(c.caseId());
        MailLine line = new MailLine(
                c.caseId(),
                c.sku(),
                inventory.product(c.sku()).map(Product::name).orElse(c.sku()),
                c.quantityOrdered(),
                c.quantityShort(),
                c.quantityOrdered() - c.quantityShort(),
                promises.latest(c.caseId())
                        .map(p -> CustomerFormats.date(p.expectedDate(), locale))
                        .orElse(""),
                promises.toldBefore(c.caseId())
                        .map(d -> CustomerFormats.date(d, locale))
                        .orElse(""),
                offer.map(CaseOffers.Offer::discountPercent).orElse(0),
                offer.map(o -> o.alternativesShownIn(locale)).orElse(List.of()),
                // every case records its offer before its first email, unless an agent reviews it
                offer.isEmpty(),
                allocated,
                c.quantityShort() - allocated,
                alternative.map(Product::sku).orElse(null),
                alternative.map(Product::name).orElse(null),
                alternative
                        .map(p -> CustomerFormats.money(p.unitPrice(), locale))
                        .orElse(null),
                c.closeReason() != null ? c.closeReason() : reason != null ? reason : "",
                // without a reason, a cancellation email says who asked for it
                decision.filter(d -> d.decision() == CustomerDecision.CANCEL
                                && d.channel().customersChoice())
                        .isPresent(),
                link.map(DecisionLinks.Link::url).orElse(null),
                link.map(l -> CustomerFormats.date(LocalDate.ofInstant(l.expiresAt(), zone), locale))
                        .orElse(null));
        return new Composed(line, link);
    }
}
