package io.backorderengine.backorder;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The case policies operators tune without touching the model (rules live in DMN or
 * configuration). They are copied into process variables when a case opens, so Cockpit shows the
 * values each case runs with.
 *
 * @param publicUrl  the base URL agents reach this application at; links in task forms use it
 * @param waiting    ({@code backorder.wait}) how long a case may wait before a supervisor looks at it
 * @param reminder   how often the customer hears from us while waiting, and when an agent calls instead
 * @param escalation how long a supervisor has per escalation, and how much longer "keep waiting" buys
 * @param notification when customers hear about changes
 * @param offer      the bounds of what a case may offer, whoever decides it (the offer table or an agent)
 * @param tasks      when agents' tasks are due
 */
@ConfigurationProperties("backorder")
public record CasePolicy(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @Name("wait") @DefaultValue Wait waiting,
        @DefaultValue Reminder reminder,
        @DefaultValue Escalation escalation,
        @DefaultValue Notification notification,
        @DefaultValue Offer offer,
        @DefaultValue Tasks tasks) {

    /** @param max how long a case waits before a supervisor gets an escalation task */
    public record Wait(@DefaultValue("P21D") Duration max) {}

    /**
     * @param cycle        an ISO 8601 repeating interval, e.g. {@code R/P7D}
     * @param contactAfter after this many reminders without an answer, an agent contacts the customer
     */
    public record Reminder(
            @DefaultValue("R/P7D") String cycle,
            @DefaultValue("2") int contactAfter) {}

    /**
     * @param due       how long a supervisor has to resolve an escalation before it escalates again
     * @param extension how much longer a case waits when the supervisor decides to keep waiting
     */
    public record Escalation(
            @DefaultValue("P2D") Duration due,
            @DefaultValue("P7D") Duration extension) {}

    /**
     * @param dateChangeThreshold a new expected date is mailed only when it moves at least this far
     *                            from the date the customer was last told (every promise is recorded)
     */
    public record Notification(@DefaultValue("P2D") Duration dateChangeThreshold) {}

    /**
     * When a task is due, from its creation; its follow-up date (when Tasklist shows it as one to look at)
     * is halfway there. An escalation's due date is {@code escalation.due}.
     *
     * @param reviewDue  an offer review: the customer has had the notice and waits for the offer
     * @param contactDue a call to a customer who cannot be reached by email or does not answer
     */
    public record Tasks(
            @DefaultValue("PT8H") Duration reviewDue,
            @DefaultValue("P1D") Duration contactDue) {}

    /** @param maxDiscountPercent the largest goodwill discount a case may offer, in percent */
    public record Offer(@DefaultValue("50") int maxDiscountPercent) {

        /** A discount within the bounds: 0 when none was decided. */
        public int bounded(Integer discountPercent) {
            return discountPercent == null ? 0 : Math.max(0, Math.min(maxDiscountPercent, discountPercent));
        }
    }
}
