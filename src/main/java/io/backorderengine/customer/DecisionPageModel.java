package io.backorderengine.customer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.CaseOffers;
import io.backorderengine.backorder.CaseView;
import io.backorderengine.notification.MailProperties;
import io.backorderengine.system.CustomerFormats;
import io.backorderengine.system.WebLocale;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the decision page shows, in the customer's language: the case, the promised date, the offer and
 * the latest decision. {@link CustomerPageController} decides which page to answer; this fills it.
 */
@Component
class DecisionPageModel {

    private final String shopName;
    private final String supportContact;

    DecisionPageModel(MailProperties mail) {
        this.shopName = mail.shopName();
        this.supportContact = mail.supportContact();
    }

    /** The one page for unknown, tampered and expired links. */
    String invalid(Model model, HttpServletResponse response) {
        // the same page and status for unknown, tampered and expired links: nothing to learn from it
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        model.addAttribute("shopName", shopName);
        model.addAttribute("supportContact", supportContact);
        return "customer/invalid";
    }

    /** What every state of the page shows: the case, its dates and offer in the customer's language. */
    void prepare(Model model, HttpServletRequest request, CaseView c, String token) {
        Locale locale = Locale.forLanguageTag(c.customer().language());
        request.setAttribute(WebLocale.REQUEST_ATTRIBUTE, locale);
        Optional<CaseOffers.Offer> offer = c.offers().isEmpty()
                ? Optional.empty()
                : Optional.of(c.offers().get(c.offers().size() - 1));
        model.addAttribute("c", c);
        model.addAttribute("token", token);
        model.addAttribute("shopName", shopName);
        model.addAttribute("supportContact", supportContact);
        model.addAttribute("expectedDate", CustomerFormats.date(c.expectedDate(), locale));
        model.addAttribute(
                "discountPercent", offer.map(CaseOffers.Offer::discountPercent).orElse(0));
        model.addAttribute(
                "alternatives", offer.map(o -> o.alternativesShownIn(locale)).orElse(List.of()));
        model.addAttribute(
                "lastDecision",
                c.decisions().isEmpty() ? null : c.decisions().get(c.decisions().size() - 1));
    }

    /** Whether the case's latest offer lists the SKU. */
    static boolean offered(CaseView c, String sku) {
        return sku != null
                && !c.offers().isEmpty()
                && c.offers().get(c.offers().size() - 1).alternatives().stream()
                        .anyMatch(a -> a.sku().equals(sku));
    }

    /** An offered alternative by SKU, as the page names it. */
    static Map<String, String> alternative(CaseView c, String sku) {
        return c.offers().stream()
                .flatMap(o -> o.alternatives().stream())
                .filter(a -> a.sku().equals(sku))
                .findFirst()
                .map(a -> Map.of("sku", a.sku(), "name", a.name()))
                .orElse(Map.of("sku", String.valueOf(sku), "name", String.valueOf(sku)));
    }
}
