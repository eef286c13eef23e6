package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.notification.Communication;
import io.backorderengine.notification.Notifications;
import io.backorderengine.notification.OutgoingEmail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Composes a case's customer emails from what the case knows, and hands them to notification. */
@Service
public class CaseMails {

    private static final Locale LOCALE = Locale.ENGLISH;
    private static final Currency CURRENCY = Currency.getInstance("EUR");

    private final CaseRepository cases;
    private final CasePromises promises;
    private final CaseOffers offers;
    private final CaseDecisions decisions;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final Notifications notifications;

    CaseMails(CaseRepository cases, CasePromises promises, CaseOffers offers, CaseDecisions decisions,
              CaseLedger ledger, Inventory inventory, Notifications notifications) {
        this.cases = cases;
        this.promises = promises;
        this.offers = offers;
        this.decisions = decisions;
        this.ledger = ledger;
        this.inventory = inventory;
        this.notifications = notifications;
    }

    /**
     * Sends the email once per message key.
     *
     * @param extra values of the moment that the case tables do not hold (units just allocated, a reason)
     */
    @Transactional
    public Communication send(String caseId, String template, String messageKey, Map<String, Object> extra) {
        CaseRecord c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        Map<String, Object> model = new HashMap<>(model(c));
        model.putAll(extra);
        Communication sent = notifications.send(new OutgoingEmail(messageKey, caseId, c.orderId(), c.customerEmail(),
                template, LOCALE, model));
        ledger.record(caseId, "EMAIL", null, "%s %s to %s".formatted(template, sent.state().toLowerCase(Locale.ROOT),
                c.customerEmail()));
        return sent;
    }

    /** Status reminders sent since the customer last decided anything: silence, in the reminder policy's terms. */
    @Transactional(readOnly = true)
    public int remindersSinceLastDecision(String caseId) {
        var lastDecision = decisions.latest(caseId).map(CaseDecisions.Decision::decidedAt).orElse(null);
        return (int) notifications.forCase(caseId).stream()
                .filter(e -> e.template().equals("status-reminder"))
                .filter(e -> lastDecision == null || e.createdAt().isAfter(lastDecision))
                .count();
    }

    private Map<String, Object> model(CaseRecord c) {
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(LOCALE);
        Map<String, Object> model = new HashMap<>();
        model.put("customerName", c.customerName());
        model.put("orderId", c.orderId());
        model.put("sku", c.sku());
        model.put("productName", inventory.product(c.sku()).map(Product::name).orElse(c.sku()));
        model.put("quantityOrdered", c.quantityOrdered());
        model.put("quantityShort", c.quantityShort());
        model.put("quantityReserved", c.quantityOrdered() - c.quantityShort());
        List<CasePromises.Promise> history = promises.history(c.caseId());
        model.put("expectedDate", history.isEmpty() ? "" : dates.format(history.get(history.size() - 1).expectedDate()));
        model.put("previousDate", history.size() < 2 ? "" : dates.format(history.get(history.size() - 2).expectedDate()));
        var offer = offers.latest(c.caseId());
        model.put("discountPercent", offer.map(CaseOffers.Offer::discountPercent).orElse(0));
        model.put("alternatives", offer.map(o -> o.alternatives().stream()
                .map(a -> Map.of("sku", a.sku(), "name", a.name(), "price", money(a.unitPrice()))).toList())
                .orElse(List.of()));
        decisions.latest(c.caseId()).filter(d -> d.alternativeSku() != null).ifPresent(d -> {
            var alternative = inventory.product(d.alternativeSku()).orElseThrow();
            model.put("alternativeSku", alternative.sku());
            model.put("alternativeName", alternative.name());
            model.put("alternativePrice", money(alternative.unitPrice()));
        });
        model.putIfAbsent("reason", c.closeReason() == null ? "" : c.closeReason());
        return model;
    }

    private static String money(BigDecimal amount) {
        NumberFormat format = NumberFormat.getCurrencyInstance(LOCALE);
        format.setCurrency(CURRENCY);
        return format.format(amount);
    }
}
