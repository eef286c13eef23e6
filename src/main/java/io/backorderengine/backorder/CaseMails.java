package io.backorderengine.backorder;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.notification.Communication;
import io.backorderengine.notification.Notifications;
import io.backorderengine.notification.OutgoingEmail;
import io.backorderengine.system.CustomerFormats;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Composes a case's customer emails from what the case tables hold and hands them to notification.
 * One email per event per order: when other cases of the same order are about to send the same
 * email, it lists them all and their own sends find it done.
 */
@Service
public class CaseMails {

    /**
     * Emails about a case that is still open: they carry a link to decide on it, and are not sent once
     * the case has ended (a partial-shipment notice whose job runs after the rest arrived would
     * otherwise reach the customer after the ship notice).
     */
    private static final Set<String> ABOUT_AN_OPEN_CASE =
            Set.of("backorder-notice", "date-changed", "status-reminder", "partly-allocated");

    private final CaseRepository cases;
    private final CasePromises promises;
    private final CaseOffers offers;
    private final CaseDecisions decisions;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final Notifications notifications;
    private final DecisionLinks links;
    private final JdbcClient jdbc;

    CaseMails(
            CaseRepository cases,
            CasePromises promises,
            CaseOffers offers,
            CaseDecisions decisions,
            CaseLedger ledger,
            Inventory inventory,
            Notifications notifications,
            DecisionLinks links,
            JdbcClient jdbc) {
        this.cases = cases;
        this.promises = promises;
        this.offers = offers;
        this.decisions = decisions;
        this.ledger = ledger;
        this.inventory = inventory;
        this.notifications = notifications;
        this.links = links;
        this.jdbc = jdbc;
    }

    /** The other cases of the case's order: their own sends of the same email may be covered by this one. */
    @Transactional(readOnly = true)
    public List<String> otherCasesOfOrder(String caseId) {
        CaseRecord c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        return jdbc.sql("select case_id from backorder_case where order_id = ? and case_id <> ? order by case_id")
                .params(c.orderId(), caseId)
                .query(String.class)
                .list();
    }

    /**
     * Sends the email once.
     *
     * @param messageKey   this case's key for this email
     * @param pendingSends other cases of the order whose send of the same email is pending, with their keys
     * @param extra        values of the moment that the tables do not hold (a reason)
     * @return the email, or empty when it is about an open case and the case has ended meanwhile
     */
    @Transactional
    public Optional<Communication> send(
            String caseId,
            String template,
            String messageKey,
            Map<String, String> pendingSends,
            Map<String, Object> extra) {
        String orderId = cases.find(caseId)
                .orElseThrow(() -> new CaseNotFoundException(caseId))
                .orderId();
        // one email for the order at a time: the cases of the order are locked in a fixed order
        List<CaseRecord> order = cases.lockOrder(orderId);
        CaseRecord own = order.stream()
                .filter(c -> c.caseId().equals(caseId))
                .findFirst()
                .orElseThrow();
        Optional<Communication> done = notifications.find(messageKey);
        if (done.isPresent()) {
            // written by an earlier attempt (or for a sibling case); one whose outcome is unknown is sent again
            return Optional.of(notifications.finish(done.get()));
        }
        if (ABOUT_AN_OPEN_CASE.contains(template) && own.status().closed()) {
            ledger.record(
                    caseId,
                    CaseLedgerKind.EMAIL_SKIPPED,
                    null,
                    template + ": the case has ended (" + own.status() + ")");
            return Optional.empty();
        }
        List<CaseRecord> included = new ArrayList<>();
        included.add(own);
        Map<String, String> covered = new LinkedHashMap<>();
        for (CaseRecord sibling : order) {
            String key = pendingSends.get(sibling.caseId());
            if (key != null
                    && !sibling.caseId().equals(caseId)
                    && notifications.find(key).isEmpty()) {
                included.add(sibling);
                covered.put(sibling.caseId(), key);
            }
        }
        Locale locale = Locale.forLanguageTag(own.customerLanguage());
        ZoneId zone = ZoneId.of(own.customerTimeZone());
        Map<String, Object> model = new HashMap<>(extra);
        model.put("customerName", own.customerName());
        model.put("orderId", own.orderId());
        List<Map<String, Object>> lines = new ArrayList<>();
        List<DecisionLinks.Link> issued = new ArrayList<>();
        for (CaseRecord c : included) {
            lines.add(line(c, template, locale, zone, extra, issued));
        }
        model.put("lines", lines);
        List<String> links = lines.stream()
                .map(line -> (String) line.get("decisionLink"))
                .filter(Objects::nonNull)
                .toList();
        // stored with the email's record, which commits before the email can reach the customer: the links
        // work and the cases' timelines show the email even if this job fails later and runs again (it then
        // finds the email written and writes nothing)
        Runnable storedWithIt = () -> {
            issued.forEach(link -> link.store().run());
            String to = own.customerEmail() == null ? "(no address)" : own.customerEmail();
            included.forEach(
                    c -> ledger.record(c.caseId(), CaseLedgerKind.EMAIL, null, "%s to %s".formatted(template, to)));
        };
        return Optional.of(notifications.send(new OutgoingEmail(
                messageKey,
                own.orderId(),
                included.stream().map(CaseRecord::caseId).toList(),
                covered,
                own.customerEmail(),
                template,
                locale,
                zone,
                model,
                links,
                storedWithIt)));
    }

    /** Status reminders that reached the customer since they last decided anything. */
    @Transactional(readOnly = true)
    public int remindersSinceLastDecision(String caseId) {
        var lastDecision =
                decisions.latest(caseId).map(CaseDecisions.Decision::decidedAt).orElse(null);
        return (int) notifications.forCase(caseId).stream()
                .filter(e -> e.template().equals("status-reminder"))
                .filter(e -> lastDecision == null || e.createdAt().isAfter(lastDecision))
                .count();
    }

    private Map<String, Object> line(
            CaseRecord c,
            String template,
            Locale locale,
            ZoneId zone,
            Map<String, Object> extra,
            List<DecisionLinks.Link> issued) {
        Map<String, Object> line = new HashMap<>();
        // every key the templates may read is present, null when it does not apply
        for (String optional :
                List.of("alternativeSku", "alternativeName", "alternativePrice", "decisionLink", "linkValidUntil")) {
            line.put(optional, null);
        }
        line.put("caseId", c.caseId());
        line.put("sku", c.sku());
        line.put("productName", inventory.product(c.sku()).map(Product::name).orElse(c.sku()));
        line.put("quantityOrdered", c.quantityOrdered());
        line.put("quantityShort", c.quantityShort());
        line.put("quantityReserved", c.quantityOrdered() - c.quantityShort());
        line.put(
                "expectedDate",
                promises.latest(c.caseId())
                        .map(p -> CustomerFormats.date(p.expectedDate(), locale))
                        .orElse(""));
        line.put(
                "previousDate",
                promises.toldBefore(c.caseId())
                        .map(d -> CustomerFormats.date(d, locale))
                        .orElse(""));
        var offer = offers.latest(c.caseId());
        line.put("discountPercent", offer.map(CaseOffers.Offer::discountPercent).orElse(0));
        line.put("alternatives", offer.map(o -> o.alternativesShownIn(locale)).orElse(List.of()));
        int allocated = allocated(c.caseId());
        line.put("allocatedQuantity", allocated);
        line.put("remainingQuantity", c.quantityShort() - allocated);
        decisions.latest(c.caseId()).filter(d -> d.alternativeSku() != null).ifPresent(d -> {
            var alternative = inventory.product(d.alternativeSku()).orElseThrow();
            line.put("alternativeSku", alternative.sku());
            line.put("alternativeName", alternative.name());
            line.put("alternativePrice", CustomerFormats.money(alternative.unitPrice(), locale));
        });
        line.put(
                "reason", c.closeReason() != null ? c.closeReason() : String.valueOf(extra.getOrDefault("reason", "")));
        // without a reason, a cancellation email says who asked for it
        line.put(
                "cancelledAtRequest",
                decisions
                        .latest(c.caseId())
                        .filter(d ->
                                "cancel".equals(d.decision()) && d.channel().customersChoice())
                        .isPresent());
        if (ABOUT_AN_OPEN_CASE.contains(template) && !c.status().closed()) {
            DecisionLinks.Link link = links.issue(c.caseId());
            issued.add(link);
            line.put("decisionLink", link.url());
            line.put("linkValidUntil", CustomerFormats.date(LocalDate.ofInstant(link.expiresAt(), zone), locale));
        }
        return line;
    }

    private int allocated(String caseId) {
        return inventory.allocatedTo(caseId);
    }
}
