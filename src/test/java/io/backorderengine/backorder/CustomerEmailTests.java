package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.icegreen.greenmail.util.GreenMail;
import io.backorderengine.backorder.internal.CaseMails;
import io.backorderengine.notification.Communication;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.system.CustomerFormats;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every customer email, in English and German, read from a real SMTP server as the customer's mail
 * client would: the text part and the HTML part each show what the customer needs.
 */
class CustomerEmailTests extends ApplicationTest {

    @Autowired
    CaseMails mails;

    private static final Map<String, Map<String, List<String>>> EXPECTED = Map.of(
            "en",
                    Map.of(
                            "notice",
                                    List.of(
                                            "3 x Storm lantern",
                                            "2 of the 5 you ordered are in stock and ship now",
                                            "Expected date for the rest: %date%",
                                            "5% discount",
                                            "Storm lantern XL",
                                            "€25.00",
                                            "/customer/decisions/"),
                            "dateChanged",
                                    List.of(
                                            "new expected date",
                                            "%old% → %new%",
                                            "Reason: a new supplier delivery was scheduled",
                                            "/customer/decisions/"),
                            "reminder", List.of("still on its way", "expected date: %new%", "/customer/decisions/"),
                            "partly",
                                    List.of(
                                            "1 x Storm lantern arrived and ships now",
                                            "2 still wait",
                                            "expected date for the rest: %new%"),
                            "shipped", List.of("3 x Storm lantern ships now", "5% discount", "invoice"),
                            "alternative",
                                    List.of(
                                            "instead of Storm lantern",
                                            "Storm lantern XL",
                                            "Price: €25.00 per item",
                                            "invoice"),
                            "cancelled", List.of("cancelled", "Reason: found it elsewhere", "refunded")),
            "de",
                    Map.of(
                            "notice",
                                    List.of(
                                            "3 x Storm lantern",
                                            "2 der 5 bestellten Stück sind vorrätig und werden jetzt versandt",
                                            "Voraussichtliches Datum für den Rest: %date%",
                                            "5 % Rabatt",
                                            "Storm lantern XL",
                                            "25,00 €",
                                            "/customer/decisions/"),
                            "dateChanged",
                                    List.of(
                                            "neues Datum",
                                            "%old% → %new%",
                                            "Grund: eine neue Lieferung des Lieferanten ist geplant",
                                            "/customer/decisions/"),
                            "reminder",
                                    List.of(
                                            "weiter unterwegs",
                                            "voraussichtliches Datum: %new%",
                                            "/customer/decisions/"),
                            "partly",
                                    List.of(
                                            "1 x Storm lantern ist eingetroffen und wird jetzt versandt",
                                            "2 fehlen noch",
                                            "Datum für den Rest: %new%"),
                            "shipped", List.of("3 x Storm lantern wird jetzt versandt", "5 % Rabatt", "Rechnung"),
                            "alternative",
                                    List.of(
                                            "statt Storm lantern",
                                            "Storm lantern XL",
                                            "Preis: 25,00 € pro Stück",
                                            "Rechnung"),
                            "cancelled", List.of("storniert", "Grund: found it elsewhere", "erstattet")));

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void aBackorderFromNoticeToShipmentInTheCustomersLanguage(String language) throws Exception {
        Locale locale = Locale.forLanguageTag(language);
        String sku = catalog.product("Storm lantern", "20.00", 2, 10);
        catalog.substitute(sku, catalog.product("Storm lantern XL", "25.00", 10, 10));
        Customer customer = order(language, sku, 5);
        LocalDate leadTimeDate = catalog.today().plusDays(10);
        LocalDate purchaseOrderDate = catalog.today().plusDays(4);
        Map<String, String> dates = Map.of(
                "%date%",
                CustomerFormats.date(leadTimeDate, locale),
                "%old%",
                CustomerFormats.date(leadTimeDate, locale),
                "%new%",
                CustomerFormats.date(purchaseOrderDate, locale));

        expect(customer, 1, "notice", language, dates);

        purchaseOrdered(sku, 10, purchaseOrderDate);
        expect(customer, 2, "dateChanged", language, dates);

        fireReminder(customer.caseId());
        expect(customer, 3, "reminder", language, dates);

        api.receive(Catalog.unique("RCPT"), sku, 1);
        expect(customer, 4, "partly", language, dates);

        api.receive(Catalog.unique("RCPT"), sku, 2);
        expect(customer, 5, "shipped", language, dates);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de"})
    void takingTheAlternativeAndCancellingAreConfirmedInTheCustomersLanguage(String language) throws Exception {
        String sku = catalog.product("Storm lantern", "20.00", 0, 3);
        catalog.substitute(sku, catalog.product("Storm lantern XL", "25.00", 10, 3));
        String substitute = api.backorder(order(language, sku, 2).caseId())
                .path("offers")
                .get(0)
                .path("alternatives")
                .get(0)
                .path("sku")
                .asText();
        Customer switching = order(language, sku, 2);
        Customer cancelling = order(language, sku, 2);
        Mailbox.awaitCount(smtp(), switching.email(), 1);
        Mailbox.awaitCount(smtp(), cancelling.email(), 1);

        api.decide(switching.caseId(), "alternative", substitute);
        api.post(
                "/api/backorders/" + cancelling.caseId() + "/decision",
                Map.of("decision", "cancel", "reason", "found it elsewhere"));

        expect(switching, 2, "alternative", language, Map.of());
        expect(cancelling, 2, "cancelled", language, Map.of());
    }

    @Test
    void anEmailAboutAnOpenCaseIsNotSentOnceTheCaseHasEnded() throws Exception {
        String sku = catalog.product("Storm lantern", "20.00", 0, 3);
        Customer customer = order("en", sku, 2);
        Mailbox.awaitCount(smtp(), customer.email(), 1);
        api.post(
                "/api/backorders/" + customer.caseId() + "/decision",
                Map.of("decision", "cancel", "reason", "found it elsewhere"));
        expect(customer, 2, "cancelled", "en", Map.of());

        // a partial-shipment notice whose job runs only after the case ended (its stock came in between)
        Optional<Communication> late =
                mails.send(customer.caseId(), "partly-allocated", Catalog.unique("late"), Map.of(), null);

        assertThat(late).isEmpty();
        assertThat(Mailbox.to(smtp(), customer.email())).hasSize(2);
        assertThat(api.backorder(customer.caseId()).path("timeline").findValuesAsText("kind"))
                .contains("EMAIL_SKIPPED");
    }

    // -- helpers -----------------------------------------------------------------------------------

    record Customer(String orderId, String caseId, String email) {}

    private Customer order(String language, String sku, int quantity) {
        String orderId = Catalog.unique("ORD");
        String email = language + "-" + orderId + "@example.com";
        Map<String, Object> order =
                new HashMap<>(Api.order(orderId, "STANDARD", email, "Customer", new Api.Line("1", sku, quantity)));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = new HashMap<>((Map<String, Object>) order.get("customer"));
        customer.put("language", language);
        customer.put("timeZone", "Europe/Berlin");
        order.put("customer", customer);
        assertThat(api.post("/api/orders", order).status()).isEqualTo(201);
        awaitStarted(orderId + "-1");
        return new Customer(orderId, orderId + "-1", email);
    }

    /** Waits for the customer's n-th email and checks both parts against the expected phrases. */
    private void expect(Customer customer, int nth, String kind, String language, Map<String, String> dates)
            throws Exception {
        MimeMessage email = Mailbox.awaitCount(smtp(), customer.email(), nth).get(nth - 1);
        String text = Mailbox.text(email).replace(" -> ", " → ").replace('\u00a0', ' ');
        String raw = Mailbox.html(email);
        // the visible text of the HTML part, plus its raw markup for the links' targets
        String html = raw.replace("&rarr;", "→")
                        .replaceAll("<[^>]+>", "")
                        .replace("&amp;", "&")
                        .replace('\u00a0', ' ')
                        .replaceAll("\\s+", " ")
                + " " + raw;
        assertThat(email.getSubject()).contains(customer.orderId());
        for (String phrase : EXPECTED.get(language).get(kind)) {
            String wanted = phrase;
            for (var date : dates.entrySet()) {
                wanted = wanted.replace(date.getKey(), date.getValue().replace('\u00a0', ' '));
            }
            String expected = wanted;
            assertThat(text + " " + email.getSubject())
                    .as(kind + " text in " + language)
                    .contains(expected);
            assertThat(html + " " + email.getSubject())
                    .as(kind + " html in " + language)
                    .contains(expected);
        }
    }

    private void fireReminder(String caseId) {
        String instance = instanceId(caseId);
        await().until(() -> processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .messages()
                        .count()
                == 0);
        processEngine
                .getManagementService()
                .executeJob(processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId("StartEvent_ReminderDue")
                        .singleResult()
                        .getId());
    }

    private static GreenMail smtp() {
        return SMTP;
    }
}
