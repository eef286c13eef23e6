package io.backorderengine.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

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

/**
 * Agents and supervisors work their tasks in Camunda Tasklist, in a real (headless) browser: find the task
 * in its filter, claim, read, complete; the case moves on. Screenshots of the steps land in
 * target/screenshots (and of the step that failed, when one does).
 */
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
        Task task = awaitTask(caseId);

        // first in its filter among the suite's other reviews (sorted by due date)
        firstInItsFilter(task);
        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            logIn(browser, agent);
            openFromFilter(browser, "Offer reviews", caseId);
            WebElement name = browser.waiting()
                    .until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("[id$='Field_ReviewCustomerName']")));
            browser.waiting().until(d -> !name.getAttribute("value").isEmpty());
            assertThat(name.getAttribute("value")).isEqualTo(customer);
            // who and how to reach them first, the facts readable (no JSON), the decision last
            assertThat(page.findElement(By.cssSelector("[id$='Field_ReviewCaseFacts']"))
                            .getAttribute("value"))
                    .contains("Expedition tent", "Promised: ", "Offer: not decided yet")
                    .doesNotContain("{", "\"");
            List<String> order = page
                    .findElements(By.cssSelector("[id$='Field_ReviewCustomerName'], "
                            + "[id$='Field_ReviewCaseFacts'], [id$='Field_ReviewDiscount']"))
                    .stream()
                    .map(e -> e.getAttribute("id").replaceAll(".*Field_Review", ""))
                    .toList();
            assertThat(order).containsExactly("CustomerName", "CaseFacts", "Discount");
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

    @Test
    void aSupervisorResolvesAnEscalationInTasklistAndTheCaseWaitsOn() {
        String caseId = placedCase("ESC", "STANDARD", catalog.product(0), 1);
        awaitWaiting(caseId);
        fireTimer(caseId, "Event_MaxWaitReached");
        Task escalation = await().until(
                        () -> processEngine
                                .getTaskService()
                                .createTaskQuery()
                                .processInstanceBusinessKey(caseId)
                                .taskDefinitionKey("UserTask_ResolveEscalation")
                                .singleResult(),
                        t -> t != null);
        firstInItsFilter(escalation);

        try (Browser browser = Browser.open()) {
            WebDriver page = browser.driver();
            logIn(browser, TestUsers.SUPERVISOR);
            openFromFilter(browser, "Escalations", caseId);
            browser.await(
                    "escalation form",
                    ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[id$='Field_EscalationCaseFacts']")));
            browser.screenshot("tasklist-escalation");
            browser.click("claim", By.xpath("//*[self::a or self::button][normalize-space()='Claim']"));
            // Tasklist's fixed footer covers the lower part of the form: the radio is chosen as a click on it
            WebElement keepWaiting = browser.await(
                    "keep waiting",
                    ExpectedConditions.presenceOfElementLocated(
                            By.cssSelector("input[id$='Field_EscalationDecision-0']")));
            ((JavascriptExecutor) page).executeScript("arguments[0].click()", keepWaiting);
            browser.await("keep waiting chosen", d -> keepWaiting.isSelected());
            WebElement complete = browser.await(
                    "complete button",
                    ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Complete']")));
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView({block: 'center'})", complete);
            complete.click();
            browser.await("task completed", ExpectedConditions.invisibilityOf(complete));
        }

        await().until(() ->
                api.backorder(caseId).path("tasks").findValuesAsText("outcome").contains("keepWaiting"));
        await().until(() -> processEngine
                        .getRuntimeService()
                        .createExecutionQuery()
                        .processInstanceBusinessKey(caseId)
                        .activityId("Event_MaxWaitReached")
                        .count()
                == 1);
        assertThat(api.backorder(caseId)
                        .path("tasks")
                        .get(0)
                        .path("completedBy")
                        .asText())
                .isEqualTo(TestUsers.SUPERVISOR);
    }

    private void logIn(Browser browser, String user) {
        browser.driver().get("http://localhost:" + port + "/camunda/app/tasklist/default/");
        browser.await(
                "login form",
                ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model=username]")));
        browser.type("username", By.cssSelector("input[ng-model=username]"), user);
        browser.type("password", By.cssSelector("input[ng-model=password]"), TestUsers.password(user));
        browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
        browser.await("filters", ExpectedConditions.visibilityOfElementLocated(By.partialLinkText("My tasks")));
    }

    /** Opens the filter and, in its list, the case's task: its name carries the case id. */
    private void openFromFilter(Browser browser, String filter, String caseId) {
        browser.click("filter " + filter, By.partialLinkText(filter));
        browser.click(
                "task of " + caseId + " in " + filter,
                By.xpath("//*[contains(@class,'tasks-list')]//a[contains(normalize-space(.), '" + caseId + "')]"));
        browser.screenshot("tasklist-" + filter.toLowerCase(Locale.ROOT).replace(' ', '-'));
    }

    /** Due before every other open task of the suite, so it heads its filter's first page. */
    private void firstInItsFilter(Task task) {
        Task fresh = processEngine
                .getTaskService()
                .createTaskQuery()
                .taskId(task.getId())
                .singleResult();
        fresh.setDueDate(Date.from(Instant.parse("2001-01-01T00:00:00Z")));
        processEngine.getTaskService().saveTask(fresh);
    }
}
