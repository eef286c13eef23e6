package io.backorderengine.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Browser;
import io.backorderengine.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A customer on a phone follows the link in their backorder notice and cancels the item. */
class CustomerPhoneBrowserTests extends ApplicationTest {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s/]+(/customer/decisions/[A-Za-z0-9_-]+)(?=\\s)");

    @LocalServerPort
    int port;

    @Test
    void aCustomerOnAPhoneCancelsFromTheEmailLink() {
        String caseId = placedCase("PHONE", "STANDARD", catalog.product("Rain jacket", "89.00", 0, 10), 1);
        String orderId = caseId.substring(0, caseId.lastIndexOf('-'));
        String notice = Mailbox.text(Mailbox.awaitCount(SMTP, "customer-" + orderId + "@example.com", 1)
                .get(0));
        Matcher link = LINK.matcher(notice);
        assertThat(link.find()).as("a decision link in the notice").isTrue();
        awaitWaiting(caseId);

        try (Browser browser = Browser.open(390, 844)) {
            WebDriver page = browser.driver();
            page.get("http://localhost:" + port + link.group(1));
            browser.await(
                    "decision page",
                    ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Your backorder"));
            assertThat(page.getPageSource()).contains("Rain jacket");
            // laid out for the phone: nothing wider than the screen
            long overflow = (Long) ((JavascriptExecutor) page)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow).as("horizontal scrolling on a phone").isLessThanOrEqualTo(0);
            browser.screenshot("phone-decision-page");

            browser.click("cancel choice", By.linkText("Cancel this item"));
            browser.await(
                    "confirmation",
                    ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Please confirm"));
            browser.screenshot("phone-confirm-cancel");
            browser.click("confirm", By.xpath("//button[normalize-space()='Confirm']"));
            browser.await(
                    "recorded",
                    ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "The item is cancelled"));
            browser.screenshot("phone-cancelled");
        }

        await().until(() -> api.status(caseId).equals("CANCELLED"));
        assertThat(api.backorder(caseId)
                        .path("decisions")
                        .get(0)
                        .path("channel")
                        .asText())
                .isEqualTo("CUSTOMER_PAGE");
    }
}
