package io.backorderengine.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Browser;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An agent works a review task in Camunda Tasklist, in a real (headless) browser. */
class TasklistBrowserTests extends ApplicationTest {

    @LocalServerPort
    int port;

    private final String agent = TestUsers.AGENT;

    @Test
    void anAgentReviewsAnOfferInTasklistAndTheCaseMovesOn() {
        String sku = catalog.product("Expedition tent", "420.00", 0, 20);
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        // markup and an expression in a customer's name must reach the agent as plain text
        String customer = "Grace <b>Hopper</b> ${caseLedger.record('PROBE','EXPRESSION_EVALUATED',null,null)}";
        api.post(
                "/api/orders",
                Api.order(orderId, "GOLD", "grace-" + orderId + "@example.com", customer, new Api.Line("1", sku, 1)));
        Task task = processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(caseId)
                .singleResult();

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            page.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            browser.await(
                    "login-form",
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
            browser.type("username", By.cssSelector("input[ng-model=username]"), agent);
            browser.type("password", By.cssSelector("input[ng-model=password]"), TestUsers.password(agent));
            page.findElement(By.cssSelector("button[type=submit]")).click();
            browser.await(
                    "filters", ExpectedConditions.visibilityOfElementLocated(By.partialLinkText("Offer reviews")));

            page.get("http://localhost:" + port + "/camunda/app/tasklist/default/#/?task=" + task.getId());
            WebElement name = browser.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("[id$='Field_ReviewCustomerName']")));
            browser.waiting().until(d -> !name.getAttribute("value").isEmpty());
            assertThat(name.getAttribute("value")).isEqualTo(customer);
            assertThat(page.findElement(By.cssSelector("[id$='Field_ReviewCaseSnapshot']"))
                            .getAttribute("value"))
                    .contains("\"caseId\" : \"" + caseId + "\"", "Expedition tent");
            assertThat(page.findElement(By.cssSelector("[id$='Field_ReviewCaseLink']"))
                            .getAttribute("value"))
                    .endsWith("/api/backorders/" + caseId);
            assertThat(page.findElements(By.tagName("b")))
                    .as("customer markup is shown as text")
                    .isEmpty();
            browser.screenshot("tasklist-review-offer");

            browser.waiting()
                    .until(ExpectedConditions.elementToBeClickable(
                            By.xpath("//*[self::a or self::button][normalize-space()='Claim']")))
                    .click();
            WebElement discount = browser.waiting()
                    .until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='Field_ReviewDiscount']")));
            discount.clear();
            discount.sendKeys("8");
            WebElement complete = browser.waiting()
                    .until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']")));
            // the page footer overlaps the button at the bottom of the form
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
            complete.click();
            browser.waiting().until(ExpectedConditions.invisibilityOf(complete));
        }

        // the notice went out when the case opened; the reviewed offer follows in its own email
        await().until(() -> api.backorder(caseId).path("emails").size() == 2);
        assertThat(api.backorder(caseId).path("emails").findValuesAsText("template"))
                .containsExactly("backorder-notice", "offer");
        var offer = api.backorder(caseId).path("offers").get(0);
        assertThat(offer.path("discountPercent").asInt()).isEqualTo(8);
        assertThat(offer.path("reviewedBy").asText()).isEqualTo(agent);
        assertThat(catalog.count("select count(*) from case_ledger where kind = 'EXPRESSION_EVALUATED'"))
                .isZero();
    }
}
