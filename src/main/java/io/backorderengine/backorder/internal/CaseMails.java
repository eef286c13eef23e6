package io.backorderengine.backorder.internal;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.backorder.DecisionLinks;
import io.backorderengine.notification.Communication;
import io.backorderengine.notification.EmailState;
import io.backorderengine.notification.Notifications;
import io.backorderengine.notification.OutgoingEmail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Composes a case's customer emails from what the case tables hold and hands them to notification.
 * One email per event per order: when other cases of the same order are about to send the same
 * email, it lists them all and their own sends find it done.
 */
@Service
public class CaseMails {

    private static final String BACKORDER_NOTICE = "backorder-notice";
    /** The reviewed offer, sent after a backorder notice that could not carry it yet. */
    private static final String OFFER = "offer";

    private final CaseRepository cases;
    private final MailLines lines;
    private final CaseDecisions decisions;
    private final CaseOffers offers;
    private final CaseLedger ledger;
    private final Notifications notifications;

    CaseMails(
            CaseRepository cases,
            MailLines lines,
            CaseDecisions decisions,
            CaseOffers offers,
            CaseLedger ledger,
            Notifications notifications) {
        this.cases = cases;
        this.lines = lines;
        this.decisions = decisions;
        this.offers = offers;
        this.ledger = ledger;
        this.notifications = notifications;
    }

    /**
     * Sends the email once.
     *
     * @param messageKey   this case's key for this email
     * @param pendingSends other cases of the order whose send of the same email is pending, with their keys
     * @param reason       why the email is sent, when the tables do not hold it (a supply change, a
     *                     cancellation's reason); null for none
     * @return the email, or empty when it is about an open case and the case has ended meanwhile
     */
    @Transactional
    public Optional<Communication> send(
            String caseId, String template, String messageKey, Map<String, String> pendingSends, String reason) {
        return send(caseId, template, messageKey, siblings -> pendingSends, reason);
    }

    /**
     * Sends the email once, asking which other cases of the order wait to send the same email only if the
     * order has other cases, and only once they are locked.
     *
     * @param pendingSends given the ids of the order's other cases, those whose send of the same email is
     *                     pending, with their keys
     */
    @Transactional
    public Optional<Communication> send(
            String caseId,
            String template,
            String messageKey,
            Function<List<String>, Map<String, String>> pendingSends,
            String reason) {
        // one email for the order at a time: the cases of the order are locked in a fixed order
        List<CaseRecord> order = cases.lockOrderOf(caseId);
        CaseRecord own = order.stream()
                .filter(c -> c.caseId().equals(caseId))
                .findFirst()
                .orElseThrow(() -> new CaseNotFoundException(caseId));
        Optional<Communication> done = notifications.find(messageKey);
        if (done.isPresent()) {
            // written by an earlier attempt (or for a sibling case); one whose outcome is unknown is sent again
            Communication finished = notifications.finish(done.get());
            if (done.get().state() != EmailState.SENT && finished.state() == EmailState.SENT) {
                cases.countEmailSent(notifications.casesOf(finished));
            }
            return Optional.of(finished);
        }
        if (MailLines.ABOUT_AN_OPEN_CASE.contains(template) && own.status().closed()) {
            ledger.record(
                    caseId,
                    CaseLedgerKind.EMAIL_SKIPPED,
                    null,
                    template + ": the case has ended (" + own.status() + ")");
            return Optional.empty();
        }
        if (template.equals(OFFER) && offerCarriedByNotice(caseId)) {
            ledger.record(caseId, CaseLedgerKind.EMAIL_SKIPPED, null, "offer: the backorder notice carries it");
            return Optional.empty();
        }
        List<String> siblings = order.stream()
                .map(CaseRecord::caseId)
                .filter(id -> !id.equals(caseId))
                .toList();
        Map<String, String> pending = siblings.isEmpty() ? Map.of() : pendingSends.apply(siblings);
        List<CaseRecord> included = new ArrayList<>();
        included.add(own);
        Map<String, String> covered = new LinkedHashMap<>();
        for (CaseRecord sibling : order) {
            String key = pending.get(sibling.caseId());
            if (key != null
                    && !sibling.caseId().equals(caseId)
                    && notifications.find(key).isEmpty()) {
                included.add(sibling);
                covered.put(sibling.caseId(), key);
            }
        }
        Locale locale = Locale.forLanguageTag(own.customerLanguage());
        ZoneId zone = ZoneId.of(own.customerTimeZone());
        List<MailLines.Composed> composed = included.stream()
                .map(c -> lines.compose(c, template, locale, zone, reason))
                .toList();
        List<DecisionLinks.Link> issued =
                composed.stream().flatMap(line -> line.link().stream()).toList();
        // what the templates may read: these and each line's values (MailLine)
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", own.customerName());
        model.put("orderId", own.orderId());
        model.put("reason", reason);
        model.put("lines", composed.stream().map(MailLines.Composed::line).toList());
        List<String> secrets = issued.stream().map(DecisionLinks.Link::url).toList();
        // stored with the email's record, which commits before the email can reach the customer: the links
        // work and the cases' timelines show the email even if this job fails later and runs again (it then
        // finds the email written and writes nothing)
        Runnable storedWithIt = () -> {
            issued.forEach(link -> link.store().run());
            String to = own.customerEmail() == null ? "(no address)" : own.customerEmail();
            included.forEach(
                    c -> ledger.record(c.caseId(), CaseLedgerKind.EMAIL, null, "%s to %s".formatted(template, to)));
        };
        // nothing is logged under the key: found above, while the order's cases are locked
        Communication sent = notifications.sendUnsent(new OutgoingEmail(
                messageKey,
                own.orderId(),
                included.stream().map(CaseRecord::caseId).toList(),
                covered,
                own.customerEmail(),
                template,
                locale,
                zone,
                model,
                secrets,
                storedWithIt));
        if (sent.state() == EmailState.SENT) {
            cases.countEmailSent(included.stream().map(CaseRecord::caseId).toList());
        }
        return Optional.of(sent);
    }

    /**
     * Whether the case's backorder notice tells the reviewed offer already: it was written after the offer
     * was recorded, or it is not written yet and will be. Both are written under the case row's lock (this
     * class locks the order's cases, {@link CaseOffers#record} the case), so "after" is exact.
     */
    private boolean offerCarriedByNotice(String caseId) {
        LocalDateTime offered = offers.latest(caseId)
                .map(CaseOffers.Offer::offeredAt)
                .orElseThrow(() -> new IllegalStateException("case " + caseId + " has no offer to send"));
        return notifications.forCase(caseId).stream()
                .filter(e -> e.template().equals(BACKORDER_NOTICE))
                .map(Communication::createdAt)
                .max(Comparator.naturalOrder())
                .map(written -> !written.isBefore(offered))
                .orElse(true);
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
}
