package io.backorderengine.backorder.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.system.CustomerFormats;
import org.springframework.stereotype.Component;

/**
 * What an order system must do when a case ends other than by its stock arriving (that end was told by
 * its allocations): ship the alternative the customer took, or refund the line.
 */
@Component
class CaseEndings {

    private final CaseOutcomes outcomes;
    private final CaseOffers offers;
    private final CaseDecisions decisions;
    private final Inventory inventory;

    CaseEndings(CaseOutcomes outcomes, CaseOffers offers, CaseDecisions decisions, Inventory inventory) {
        this.outcomes = outcomes;
        this.offers = offers;
        this.decisions = decisions;
        this.inventory = inventory;
    }

    void ended(CaseRecord c, CaseStatus status, String reason) {
        switch (status) {
            case ALTERNATIVE_ACCEPTED -> {
                String sku = decisions
                        .latest(c.caseId())
                        .map(CaseDecisions.Decision::alternativeSku)
                        .orElseThrow(() -> new IllegalStateException(
                                "case %s switched without a chosen alternative".formatted(c.caseId())));
                Product alternative = inventory.product(sku).orElseThrow();
                outcomes.record(
                        c,
                        OutcomeType.SUBSTITUTED,
                        Map.of(
                                "sku", c.sku(),
                                "alternativeSku", sku,
                                "quantity", c.quantityShort(),
                                "unitPrice", alternative.unitPrice(),
                                "currency", CustomerFormats.currency().getCurrencyCode()));
            }
            case CANCELLED -> {
                int discount = offers.latest(c.caseId())
                        .map(CaseOffers.Offer::discountPercent)
                        .orElse(0);
                Map<String, Object> facts = new HashMap<>();
                facts.put("sku", c.sku());
                facts.put("quantity", c.quantityShort());
                facts.put("reason", reason);
                facts.put("refundAmount", refund(c, discount));
                facts.put("currency", CustomerFormats.currency().getCurrencyCode());
                outcomes.record(c, OutcomeType.CANCELLED, facts);
            }
            default -> {
                // fulfilled: each allocation was an outcome of its own
            }
        }
    }

    /** The short units at the price the customer pays for them: the line's price less the wait's discount. */
    static BigDecimal refund(CaseRecord c, int discountPercent) {
        return c.unitPrice()
                .multiply(BigDecimal.valueOf(c.quantityShort()))
                .multiply(BigDecimal.valueOf(100 - discountPercent))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
    }
}
