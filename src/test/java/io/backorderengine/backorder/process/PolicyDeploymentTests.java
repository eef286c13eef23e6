package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An analyst changes a policy by deploying its table, as Camunda Modeler does, with no release: cases
 * opened afterwards follow the new table, cases opened before keep what they were given. A table the
 * engine could not read is refused at deployment, naming the rule and the column.
 */
class PolicyDeploymentTests extends ApplicationTest {

    @Autowired
    Clock clock;

    private final List<String> deployed = new ArrayList<>();

    @AfterEach
    void backToTheShippedTables() {
        deployed.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true, true));
    }

    @Test
    void aDeployedWaitingPolicyDecidesForCasesOpenedAfterIt() throws IOException {
        String sku = catalog.product(0);
        String before = waitingCase(sku, 1);

        deploy(
                "waiting-policy.dmn",
                shipped("waiting-policy.dmn")
                        .replace("<text>\"P21D\"</text>", "<text>\"P3D\"</text>")
                        .replace("<text>\"R/P7D\"</text>", "<text>\"R/PT12H\"</text>"));
        Instant opened = clock.instant();
        // a timer cycle counts from the engine's clock, which the tests do not move (the application's is at noon)
        Instant openedForTheEngine = ClockUtil.getCurrentTime().toInstant();
        String after = waitingCase(sku, 1);

        assertThat(dueAt(before, "Event_MaxWaitReached"))
                .isCloseTo(opened.plus(Duration.ofDays(21)), within(5, ChronoUnit.MINUTES));
        assertThat(dueAt(after, "Event_MaxWaitReached"))
                .isCloseTo(opened.plus(Duration.ofDays(3)), within(5, ChronoUnit.MINUTES));
        assertThat(dueAt(after, "StartEvent_ReminderDue"))
                .isCloseTo(openedForTheEngine.plus(Duration.ofHours(12)), within(5, ChronoUnit.MINUTES));
        assertThat(dueAt(before, "StartEvent_ReminderDue"))
                .isCloseTo(openedForTheEngine.plus(Duration.ofDays(7)), within(5, ChronoUnit.MINUTES));
    }

    @Test
    void aDeployedDateChangePolicyDecidesWhetherTheCustomerHearsOfASmallSlip() throws IOException {
        // as shipped, a one-day slip is recorded but not worth an email
        String quiet = slippedByOneDay();
        assertThat(templates(quiet)).doesNotContain("date-changed");

        deploy(
                "date-change-policy.dmn",
                shipped("date-change-policy.dmn").replace("<text>&gt;= 2</text>", "<text>&gt;= 1</text>"));
        String told = slippedByOneDay();

        await().until(() -> templates(told).contains("date-changed"));
        assertThat(templates(quiet)).doesNotContain("date-changed");
    }

    /** A case told its expected date (20 days' lead time), whose supplier then promises a day later. */
    private String slippedByOneDay() {
        String sku = catalog.product("Slow item", "10.00", 0, 20);
        String caseId = placedCase("SLIP", "STANDARD", sku, 1);
        awaitWaiting(caseId);
        purchaseOrdered(sku, 1, catalog.today().plusDays(21));
        await().until(() -> api.backorder(caseId).path("promises").size() == 2);
        // the promise is recorded in the same transaction that decides about the email, which is queued as a job
        await().until(() -> processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instanceId(caseId))
                        .messages()
                        .count()
                == 0);
        return caseId;
    }

    @Test
    void aTableTheEngineCouldNotReadIsRefusedNamingTheRuleAndColumn() throws IOException {
        String sku = catalog.product(0);
        String xml = shipped("waiting-policy.dmn").replace("<text>\"P21D\"</text>", "<text>\"3 weeks\"</text>");

        Api.Response refused =
                api.as(TestUsers.ANALYST).deploy(Catalog.unique("policy"), Map.of("waiting-policy.dmn", xml));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("message").asText())
                .contains("waiting-policy.dmn")
                .contains("rule 2 \"Everyone else: three weeks at most")
                .contains("Rule_Default")
                .contains("column 'Waits at most (duration)' says \"3 weeks\"")
                .contains("\"P21D\" (21 days)");
        String caseId = waitingCase(sku, 1);
        assertThat(dueAt(caseId, "Event_MaxWaitReached"))
                .isCloseTo(clock.instant().plus(Duration.ofDays(21)), within(5, ChronoUnit.MINUTES));
    }

    private void deploy(String file, String xml) {
        Api.Response response = api.as(TestUsers.ANALYST).deploy(Catalog.unique("policy"), Map.of(file, xml));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        deployed.add(response.body().path("id").asText());
    }

    private static String shipped(String file) throws IOException {
        return Files.readString(Path.of("processes", file));
    }

    private Instant dueAt(String caseId, String activityId) {
        return timer(caseId, activityId).getDuedate().toInstant();
    }

    private List<String> templates(String caseId) {
        return api.backorder(caseId).path("emails").findValuesAsText("template");
    }
}
