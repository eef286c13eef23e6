package io.backorderengine.backorder;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The case settings operators keep in configuration. The business rules (offer, waiting and reminders,
 * escalation levels, date changes worth an email, allocation rank, when agents' tasks are due) are decision
 * tables in {@code processes/} that analysts own; what stays here is where the application is reached,
 * and the hard upper bound on any discount, whoever decides it.
 *
 * @param publicUrl  the base URL agents reach this application at; links in task forms use it
 * @param offer      the bounds of what a case may offer, whoever decides it (the offer table or an agent)
 */
@ConfigurationProperties("backorder")
public record CasePolicy(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue Offer offer) {

    /** @param maxDiscountPercent the largest goodwill discount a case may offer, in percent */
    public record Offer(@DefaultValue("50") int maxDiscountPercent) {

        /** A discount within the bounds: 0 when none was decided. */
        public int bounded(Integer discountPercent) {
            return discountPercent == null ? 0 : Math.max(0, Math.min(maxDiscountPercent, discountPercent));
        }
    }
}
