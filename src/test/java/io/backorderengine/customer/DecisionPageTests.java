package io.backorderengine.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.PageClient;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A customer follows the link in their email, sees their backorder and decides: over HTTP, like a
 * phone's browser without JavaScript. Links in emails name the configured public URL; the tests
 * send them to the port this test server listens on.
 */
class DecisionPageTests extends ApplicationTest {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s/]+(/customer/decisions/[A-Za-z0-9_-]+)(?=\\s)");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void onceTheEmailIsSentNoWorkingTokenIsLeftInTheDatabase() {
        Story story = backorder("en", 2);
        String token = story.link().substring(story.link().lastIndexOf('/') + 1);
        await().until(() -> api.backorder(story.caseId())
                .path("emails")
                .path(0)
                .path("state")
                .asText()
                .equals("SENT"));

        assertThat(new PageClient().get(story.link()).status())
                .as("the customer's link works")
                .isEqualTo(200);
        for (String column : List.of(
                "communication.body_text",
                "communication.mime",
                "communication.subject",
                "decision_link.token_hash",
                "case_ledger.detail",
                "ACT_RU_VARIABLE.TEXT_",
                "ACT_HI_VARINST.TEXT_",
                "ACT_HI_DETAIL.TEXT_")) {
            String[] table = column.split("\\.");
            assertThat(catalog.count(
                            "select count(*) from " + table[0] + " where " + table[1] + " like ?", "%" + token + "%"))
                    .as(column)
                    .isZero();
        }
        assertThat(catalog.count(
                        "select count(*) from communication where case_id = ? and body_text like ?",
                        story.caseId(),
                        "%[link removed from the log]%"))
                .as("the log says a link was there")
                .isEqualTo(1);
    }

    @Test
    void theLinkInTheEmailShowsTheCaseAndRecordsAConfirmedDecisionOnce() {
        Story story = backorder("en", 2);
        PageClient browser = new PageClient();

        PageClient.Page page = browser.get(story.link());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains(
                        "Your backorder",
                        "2 x Storm lantern",
                        "Order " + story.orderId(),
                        "Expected date:",
                        "Keep waiting",
                        "Cancel this item");
        PageClient.Page confirm = browser.get(story.link() + "?choice=wait");
        assertThat(confirm.text()).contains("Please confirm", "You keep waiting for Storm lantern");
        assertThat(decisions(story.caseId())).isZero();

        PageClient.Page recorded = browser.submit(confirm, Map.of());
        PageClient.Page again = browser.submit(confirm, Map.of());

        assertThat(recorded.status()).isEqualTo(200);
        assertThat(recorded.text()).contains("We noted that you keep waiting");
        assertThat(again.text()).contains("This decision was already recorded");
        assertThat(decisions(story.caseId())).isEqualTo(1);
        JsonNode recordedDecision =
                api.backorder(story.caseId()).path("decisions").get(0);
        assertThat(recordedDecision.path("decidedBy").asText()).isEqualTo("customer");
        assertThat(recordedDecision.path("channel").asText()).isEqualTo("CUSTOMER_PAGE");
    }

    @Test
    void aCustomerWhoKeepsWaitingCanCancelLaterFromTheSameEmailAndThenSeesTheOutcome() {
        Story story = backorder("en", 2);
        PageClient browser = new PageClient();
        browser.submit(browser.get(story.link() + "?choice=wait"), Map.of());

        PageClient.Page cancelled = browser.submit(browser.get(story.link() + "?choice=cancel"), Map.of());

        assertThat(cancelled.text()).contains("The item is cancelled");
        await().until(() -> api.status(story.caseId()).equals("CANCELLED"));
        PageClient.Page afterTheEnd = browser.get(story.link());
        assertThat(afterTheEnd.status()).isEqualTo(200);
        assertThat(afterTheEnd.text()).contains("Cancelled.").doesNotContain("Keep waiting");
        assertThat(browser.get(story.link() + "?choice=wait").text()).doesNotContain("Please confirm");
        assertThat(api.backorder(story.caseId()).path("decisions").findValuesAsText("decision"))
                .containsExactly("wait", "cancel");
    }

    @Test
    void tamperedUnknownAndExpiredLinksAllGetTheSamePlainPageAndChangeNothing() {
        Story story = backorder("en", 2);
        String token = story.link().substring(story.link().lastIndexOf('/') + 1);
        String tampered = story.link().substring(0, story.link().length() - 1) + (token.endsWith("A") ? "B" : "A");
        String unknown = base() + "/customer/decisions/" + "x".repeat(43);
        PageClient browser = new PageClient();

        PageClient.Page tamperedPage = browser.get(tampered);
        PageClient.Page unknownPage = browser.get(unknown);
        PageClient.Page tamperedPost = browser.post(tampered, "choice=cancel");
        expireLinksOf(story.caseId());
        PageClient.Page expiredPage = browser.get(story.link());
        PageClient.Page expiredConfirm = browser.get(story.link() + "?choice=cancel");

        for (PageClient.Page invalid : new PageClient.Page[] {tamperedPage, unknownPage, expiredPage, expiredConfirm}) {
            assertThat(invalid.status()).isEqualTo(404);
            assertThat(invalid.text())
                    .contains("This link is no longer valid", "support@example.com")
                    .doesNotContain("Storm lantern");
            assertThat(invalid.html()).isEqualTo(tamperedPage.html());
        }
        assertThat(tamperedPost.status()).isIn(403, 404);
        assertThat(decisions(story.caseId())).isZero();
        assertThat(api.status(story.caseId())).isEqualTo("OPEN");
    }

    @Test
    void aDecisionWithoutTheFormsCsrfTokenChangesNothing() {
        Story story = backorder("en", 2);

        PageClient.Page forged = new PageClient().post(story.link(), "choice=cancel");

        assertThat(forged.status()).isEqualTo(403);
        assertThat(decisions(story.caseId())).isZero();
    }

    @Test
    void anAlternativeThatIsGoneWhenChosenIsExplainedAndTheOtherChoicesRemain() {
        Story story = backorder("en", 2);
        PageClient browser = new PageClient();
        PageClient.Page confirm = browser.get(story.link() + "?choice=alternative&sku=" + story.substitute());
        assertThat(confirm.text()).contains("We ship Storm lantern XL instead of Storm lantern");
        api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", story.substitute(), 5));

        PageClient.Page gone = browser.submit(confirm, Map.of());

        assertThat(gone.status()).isEqualTo(409);
        assertThat(gone.text())
                .contains("Storm lantern XL is no longer in stock", "Keep waiting", "Cancel this item")
                .doesNotContain("Take Storm lantern XL");
        assertThat(decisions(story.caseId())).isZero();
        assertThat(api.status(story.caseId())).isEqualTo("OPEN");
    }

    @Test
    void aGermanCustomerSeesThePageInGerman() {
        Story story = backorder("de", 2);

        PageClient.Page page = new PageClient().get(story.link());

        assertThat(page.html()).contains("lang=\"de\"");
        assertThat(page.text())
                .contains(
                        "Ihre Nachbestellung",
                        "Voraussichtliches Datum",
                        "Weiter warten",
                        "Stattdessen Storm lantern XL nehmen (25,00 €)");
    }

    @Test
    void afterTheStockArrivedTheLinkShowsThatTheItemShips() {
        Story story = backorder("en", 2);

        api.receive(Catalog.unique("RCPT"), story.sku(), 2);

        await().until(() -> api.status(story.caseId()).equals("FULFILLED"));
        PageClient.Page page = new PageClient().get(story.link());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("In stock again: it ships now.").doesNotContain("Keep waiting");
    }

    // -- helpers -----------------------------------------------------------------------------------

    record Story(String orderId, String caseId, String sku, String substitute, String link) {}

    private Story backorder(String language, int quantity) {
        String sku = catalog.product("Storm lantern", "20.00", 0, 5);
        String substitute = catalog.product("Storm lantern XL", "25.00", 5, 5);
        catalog.substitute(sku, substitute);
        String orderId = Catalog.unique("ORD");
        String email = "page-" + orderId + "@example.com";
        Map<String, Object> order =
                new HashMap<>(Api.order(orderId, "STANDARD", email, "Customer", new Api.Line("1", sku, quantity)));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = new HashMap<>((Map<String, Object>) order.get("customer"));
        customer.put("language", language);
        order.put("customer", customer);
        assertThat(api.post("/api/orders", order).status()).isEqualTo(201);
        MimeMessage notice = Mailbox.awaitCount(SMTP, email, 1).get(0);
        Matcher link = LINK.matcher(Mailbox.text(notice));
        assertThat(link.find()).as("a decision link in the email").isTrue();
        return new Story(orderId, orderId + "-1", sku, substitute, base() + link.group(1));
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private int decisions(String caseId) {
        return catalog.count("select count(*) from case_decision where case_id = ?", caseId);
    }

    private void expireLinksOf(String caseId) {
        // time passes: the links of this case are past their validity, by the application's clock (the
        // tests run it at noon, never the machine's time)
        jdbc.sql("update decision_link set expires_at = ? where case_id = ?")
                .params(LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).minusMinutes(1), caseId)
                .update();
    }
}
