package io.backorderengine.backorder.internal;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.backorder.CasePromises;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.notification.Communication;
import io.backorderengine.notification.Notifications;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A picture of a case for task forms: Camunda Forms can show only variables, so the facts an agent needs
 * are written into them when a task is created ({@link #picture}): as JSON for scripts and tools, and as a
 * few lines a person reads on the phone, both from one read of the case.
 */
@Service
public class CaseSnapshots {

    private static final int RECENT_EMAILS = 5;

    private final CaseRepository cases;
    private final CasePromises promises;
    private final CaseOffers offers;
    private final CaseDecisions decisions;
    private final Inventory inventory;
    private final Notifications notifications;
    private final CasePolicy policy;
    private final ObjectMapper json;

    CaseSnapshots(
            CaseRepository cases,
            CasePromises promises,
            CaseOffers offers,
            CaseDecisions decisions,
            Inventory inventory,
            Notifications notifications,
            CasePolicy policy,
            ObjectMapper json) {
        this.cases = cases;
        this.promises = promises;
        this.offers = offers;
        this.decisions = decisions;
        this.inventory = inventory;
        this.notifications = notifications;
        this.policy = policy;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The link agents follow to the full case. */
    public String link(String caseId) {
        return policy.publicUrl().resolve("/api/backorders/" + caseId).toString();
    }

    /**
     * The case as a task shows it.
     *
     * @param json  the snapshot for scripts and tools
     * @param facts the same, as lines a person reads: what is short, the promises, the offer, decisions, emails
     */
    public record Picture(String json, String facts) {}

    /** What both forms of the picture are made of, read once. */
    private record Parts(
            CaseRecord c,
            String productName,
            List<CasePromises.Promise> promises,
            Optional<CaseOffers.Offer> offer,
            List<CaseDecisions.Decision> decisions,
            List<Communication> recentEmails) {}

    @Transactional(readOnly = true)
    public Picture picture(String caseId) {
        CaseRecord c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        List<Communication> emails = notifications.forCase(caseId);
        Parts parts = new Parts(
                c,
                inventory.product(c.sku()).map(Product::name).orElse(c.sku()),
                promises.history(caseId),
                offers.latest(caseId),
                decisions.history(caseId),
                emails.subList(Math.max(0, emails.size() - RECENT_EMAILS), emails.size()));
        return new Picture(json(parts), facts(parts));
    }

    private static String facts(Parts p) {
        CaseRecord c = p.c();
        StringBuilder facts = new StringBuilder();
        facts.append("Short: %d of %d x %s (%s), line value %s; %s%n"
                .formatted(
                        c.quantityShort(), c.quantityOrdered(), p.productName(), c.sku(), c.lineValue(), c.status()));
        facts.append("Promised: ")
                .append(String.join(
                        " -> ",
                        p.promises().stream()
                                .map(promise -> promise.expectedDate() + " ("
                                        + promise.basis()
                                                .toString()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' ')
                                        + ")")
                                .toList()))
                .append('\n');
        facts.append("Offer: ")
                .append(p.offer()
                        .map(o -> o.discountPercent() + "% discount"
                                + (o.alternatives().isEmpty()
                                        ? ", no alternatives"
                                        : ", alternatives: "
                                                + String.join(
                                                        ", ",
                                                        o.alternatives().stream()
                                                                .map(a -> a.name() + " (" + a.sku() + ") "
                                                                        + a.unitPrice())
                                                                .toList())))
                        .orElse("not decided yet"))
                .append('\n');
        facts.append("Decisions: ")
                .append(joinedOrNone(p.decisions().stream()
                        .map(d -> d.decision().code() + " by " + d.decidedBy() + " at " + minutes(d.decidedAt()))
                        .toList()))
                .append('\n');
        facts.append("Emails: ")
                .append(joinedOrNone(p.recentEmails().stream()
                        .map(e -> e.template() + " " + e.state() + " " + minutes(e.createdAt())
                                + (e.failure() == null ? "" : " (" + e.failure() + ")"))
                        .toList()));
        return facts.toString();
    }

    private static String joinedOrNone(List<String> items) {
        return items.isEmpty() ? "none" : String.join("; ", items);
    }

    private static String minutes(LocalDateTime at) {
        return at.truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ');
    }

    private String json(Parts p) {
        CaseRecord c = p.c();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("caseId", c.caseId());
        s.put("orderId", c.orderId());
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", c.customerId());
        customer.put("name", c.customerName());
        customer.put("email", c.customerEmail());
        customer.put("phone", c.customerPhone());
        customer.put("tier", c.customerTier());
        customer.put("language", c.customerLanguage());
        s.put("customer", customer);
        s.put("product", Map.of("sku", c.sku(), "name", p.productName()));
        s.put("quantityOrdered", c.quantityOrdered());
        s.put("quantityShort", c.quantityShort());
        s.put("lineValue", c.lineValue());
        s.put("status", c.status());
        s.put(
                "promises",
                p.promises().stream()
                        .map(promise ->
                                Map.of("expectedDate", promise.expectedDate().toString(), "basis", promise.basis()))
                        .toList());
        p.offer()
                .ifPresent(o -> s.put(
                        "offer",
                        Map.of(
                                "discountPercent",
                                o.discountPercent(),
                                "alternatives",
                                o.alternatives().stream()
                                        .map(a -> Map.of("sku", a.sku(), "name", a.name(), "unitPrice", a.unitPrice()))
                                        .toList())));
        s.put(
                "decisions",
                p.decisions().stream()
                        .map(d -> Map.of(
                                "decision",
                                d.decision().code(),
                                "by",
                                d.decidedBy(),
                                "at",
                                d.decidedAt().toString()))
                        .toList());
        s.put(
                "recentEmails",
                p.recentEmails().stream()
                        .map(e -> {
                            Map<String, Object> email = new LinkedHashMap<>();
                            email.put("template", e.template());
                            email.put("state", e.state());
                            email.put("at", e.createdAt().toString());
                            email.put("failure", e.failure());
                            return email;
                        })
                        .toList());
        s.put("link", link(c.caseId()));
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("case snapshot of " + c.caseId() + " could not be written", e);
        }
    }
}
