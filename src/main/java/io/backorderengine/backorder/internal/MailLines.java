package io.backorderengine.backorder.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
        String caseId = c.caseId();
        // the link is stored with the email, so it is issued now, whether or not the template shows it
        Optional<DecisionLinks.Link> link =
                ABOUT_AN_OPEN_CASE.contains(template) && !c.status().closed()
                        ? Optional.of(links.issue(caseId))
                        : Optional.empty();
        Supplier<Optional<CaseOffers.Offer>> offer = MailLine.once(() -> offers.latest(caseId));
        Supplier<Optional<CaseDecisions.Decision>> decision = MailLine.once(() -> decisions.latest(caseId));
        Supplier<Optional<Product>> alternative = MailLine.once(() -> decision.get()
                .map(CaseDecisions.Decision::alternativeSku)
                .map(sku -> inventory.product(sku).orElseThrow()));
        Supplier<Integer> allocated = MailLine.once(() -> inventory.allocatedTo(caseId));
        MailLine line = new MailLine()
                .with("caseId", () -> caseId)
                .with("sku", c::sku)
                .with(
                        "productName",
                        () -> inventory.product(c.sku()).map(Product::name).orElse(c.sku()))
                .with("quantityOrdered", c::quantityOrdered)
                .with("quantityShort", c::quantityShort)
                .with("quantityReserved", () -> c.quantityOrdered() - c.quantityShort())
                .with(
                        "expectedDate",
                        () -> promises.latest(caseId)
                                .map(p -> CustomerFormats.date(p.expectedDate(), locale))
                                .orElse(""))
                .with(
                        "previousDate",
                        () -> promises.toldBefore(caseId)
                                .map(d -> CustomerFormats.date(d, locale))
                                .orElse(""))
                // no offer of the case gave a discount (the case row knows): none to read
                .with(
                        "discountPercent",
                        () -> c.offeredDiscount()
                                ? offer.get()
                                        .map(CaseOffers.Offer::discountPercent)
                                        .orElse(0)
                                : 0)
                .with(
                        "alternatives",
                        () -> offer.get()
                                .map(o -> o.alternativesShownIn(locale))
                                .orElse(List.of()))
                // every case records its offer before its first email, unless an agent reviews it
                .with("offerUnderReview", () -> offer.get().isEmpty())
                .with("allocatedQuantity", allocated)
                .with("remainingQuantity", () -> c.quantityShort() - allocated.get())
                .with(
                        "alternativeSku",
                        () -> alternative.get().map(Product::sku).orElse(null))
                .with(
                        "alternativeName",
                        () -> alternative.get().map(Product::name).orElse(null))
                .with(
                        "alternativePrice",
                        () -> alternative
                                .get()
                                .map(p -> CustomerFormats.money(p.unitPrice(), locale))
                                .orElse(null))
                .with("reason", () -> c.closeReason() != null ? c.closeReason() : reason != null ? reason : "")
                // without a reason, a cancellation email says who asked for it
                .with(
                        "cancelledAtRequest",
                        () -> decision.get()
                                .filter(d -> d.decision() == CustomerDecision.CANCEL
                                        && d.channel().customersChoice())
                                .isPresent())
                .with("decisionLink", () -> link.map(DecisionLinks.Link::url).orElse(null))
                .with(
                        "linkValidUntil",
                        () -> link.map(l -> CustomerFormats.date(LocalDate.ofInstant(l.expiresAt(), zone), locale))
                                .orElse(null));
        return new Composed(line, link);
    }
}
