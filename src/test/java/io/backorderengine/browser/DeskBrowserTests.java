package io.backorderengine.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Browser;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * People at the case desk and the insights page in a real browser: an agent finds a case by its order id
 * and works it (note, address, resend, cancel), a supervisor raises priority, an analyst reads the
 * insights with their charts drawn; each sees only what their role allows.
 */
class DeskBrowserTests extends ApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void anAgentFindsACaseAndWorksIt() {
        String caseId = caseWithNoticeSent("DESKB");
        String orderId = caseId.substring(0, caseId.lastIndexOf('-'));
        String corrected = Catalog.unique("desk") + "@example.com";

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            signIn(browser, TestUsers.AGENT);
            browser.type("order id", By.name("orderId"), orderId);
            browser.click("find", By.xpath("//button[normalize-space()='Find']"));
            browser.click("the case", By.linkText(caseId));
            browser.await("case page", ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), caseId));

            browser.type("note", By.name("text"), "Customer asked about the date.");
            browser.click("add note", By.id("add-note"));
            browser.await(
                    "note done",
                    ExpectedConditions.textToBePresentInElementLocated(By.className("done"), "Note added"));
            assertThat(page.findElement(By.cssSelector("tr[data-kind='NOTE']")).getText())
                    .contains(TestUsers.AGENT, "Customer asked about the date.");

            browser.type("email", By.name("email"), corrected);
            browser.click("correct", By.id("correct-email"));
            browser.await(
                    "address corrected",
                    ExpectedConditions.textToBePresentInElementLocated(By.id("customer-email"), corrected));

            browser.click("resend", By.id("resend"));
            browser.await(
                    "resent",
                    ExpectedConditions.textToBePresentInElementLocated(
                            By.className("done"), "sent again to " + corrected));
            assertThat(Mailbox.awaitCount(SMTP, corrected, 1)).hasSize(1);
            assertThat(page.findElements(By.id("set-priority")))
                    .as("an agent sets no priority")
                    .isEmpty();
            browser.screenshot("desk-case");

            browser.type("reason", By.name("reason"), "Found it elsewhere");
            page.findElement(By.cssSelector("select[name='cause'] option[value='CUSTOMER_CHOICE']"))
                    .click();
            browser.click("cancel", By.id("cancel"));
            browser.await(
                    "cancel taken",
                    ExpectedConditions.textToBePresentInElementLocated(By.className("done"), "Cancellation taken"));

            page.get(base() + "/desk/insights");
            browser.await(
                    "agents read no insights", ExpectedConditions.not(ExpectedConditions.titleContains("Insights")));
        }
        await().until(() -> api.status(caseId).equals("CANCELLED"));
        assertThat(api.backorder(caseId).path("rootCause").asText()).isEqualTo("CUSTOMER_CHOICE");
        assertThat(api.backorder(caseId)
                        .path("decisions")
                        .get(0)
                        .path("decidedBy")
                        .asText())
                .isEqualTo(TestUsers.AGENT);
    }

    @Test
    void aSupervisorRaisesPriority() {
        String caseId = waitingCase(catalog.product(0), 1);

        try (Browser browser = Browser.open()) {
            signIn(browser, TestUsers.SUPERVISOR);
            browser.driver().get(base() + "/desk/cases/" + caseId);
            browser.await("case page", ExpectedConditions.presenceOfElementLocated(By.id("set-priority")));
            browser.type("priority", By.name("priority"), "8");
            browser.click("set", By.id("set-priority"));
            browser.await("priority", ExpectedConditions.textToBePresentInElementLocated(By.id("priority"), "8"));
        }
        assertThat(api.backorder(caseId).path("priority").asInt()).isEqualTo(8);
    }

    @Test
    void anAnalystReadsTheInsightsWithChartsButNoCases() throws Exception {
        placedCase("INSB", "STANDARD", catalog.product(0), 1);

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            signIn(browser, TestUsers.ANALYST);
            page.get(base() + "/desk/insights");
            browser.await("insights", ExpectedConditions.titleContains("Insights"));
            // uPlot drew the trend: a canvas inside the chart (the library is served by the application)
            browser.await(
                    "chart drawn", ExpectedConditions.presenceOfElementLocated(By.cssSelector(".chart.drawn canvas")));
            assertThat(page.findElement(By.id("kpis")).getText()).contains("cases opened", "backorder rate");
            JsonNode trend = new ObjectMapper()
                    .readTree(page.findElement(By.cssSelector(".chart[data-chart]"))
                            .getAttribute("data-chart"));
            assertThat(trend.path("labels")).as("twelve weeks").hasSize(12);
            assertThat(trend.path("series").path("cases opened").get(11).asDouble())
                    .as("this week: at least the case just placed")
                    .isGreaterThanOrEqualTo(1);
            assertThat(trend.path("series").path("backorder rate %").get(11).asDouble())
                    .isGreaterThan(0);
            browser.screenshot("insights");

            page.get(base() + "/desk");
            browser.await(
                    "no desk for analysts", ExpectedConditions.not(ExpectedConditions.titleContains("Case desk")));
        }
    }

    private void signIn(Browser browser, String user) {
        browser.driver().get(base() + "/desk");
        browser.await("login page", ExpectedConditions.titleContains("Sign in"));
        browser.type("user", By.name("username"), user);
        browser.type("password", By.name("password"), TestUsers.password(user));
        browser.click("sign in", By.xpath("//button[normalize-space()='Sign in']"));
        browser.await("signed in", ExpectedConditions.not(ExpectedConditions.titleContains("Sign in")));
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
