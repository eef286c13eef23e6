package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.backorder.internal.CaseInbox;
import io.backorderengine.backorder.internal.CaseMessage;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Database;
import io.backorderengine.support.EventProbe;
import io.backorderengine.support.TestDatabase;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events reach a case in every state: while a review or escalation task is open, before the case
 * reaches its wait state, while it cannot take them yet, and in the gap between a stock check and
 * the commit of a new case.
 */
class CaseEventsTests extends ApplicationTest {

    @Autowired
    EventProbe probe;

    @Autowired
    Database database;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CaseInbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aCancellationWhileTheOfferIsUnderReviewEndsTheCase() {
        String caseId = placedCase("ORD", "GOLD", catalog.product("Test product", "20.00", 0, 20), 2);
        await().until(() -> openTaskKeys(caseId).contains("UserTask_ReviewOffer"));
        // told at once, with the review still open
        await().until(() ->
                api.backorder(caseId).path("emails").findValuesAsText("state").contains("SENT"));

        Api.Response cancel = api.decide(caseId, "cancel", null);

        assertThat(cancel.status()).isEqualTo(202);
        await().until(() -> api.status(caseId).equals("CANCELLED"));
        await().until(() -> !isRunning(caseId));
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("tasks").get(0).path("outcome").asText()).isEqualTo("withdrawn");
        assertThat(view.path("emails").findValuesAsText("template")).containsExactly("backorder-notice", "cancelled");
    }

    @Test
    void stockArrivingWhileASupervisorHoldsTheEscalationShipsTheCase() {
        String sku = catalog.product(0);
        String caseId = placedCase("ORD", "STANDARD", sku, 2);
        awaitWaiting(caseId);
        fireTimer(caseId, "Event_MaxWaitReached");
        await().until(() -> openTaskKeys(caseId).contains("UserTask_ResolveEscalation"));

        api.receive(Catalog.unique("RCPT"), sku, 2);

        await().until(() -> api.status(caseId).equals("FULFILLED"));
        await().until(() -> !isRunning(caseId));
        assertThat(api.backorder(caseId).path("tasks").get(0).path("outcome").asText())
                .isEqualTo("withdrawn");
    }

    @Test
    void aSupplierDateChangeDuringTheReviewIsPromisedAndTheReviewGoesOn() {
        String sku = catalog.product("Test product", "20.00", 0, 20);
        String caseId = placedCase("ORD", "GOLD", sku, 2);
        await().until(() -> openTaskKeys(caseId).contains("UserTask_ReviewOffer"));

        purchaseOrdered(sku, 5, catalog.today().plusDays(6));

        await().until(() -> api.backorder(caseId).path("promises").size() == 2);
        assertThat(api.backorder(caseId).path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(6).toString());
        assertThat(openTaskKeys(caseId)).contains("UserTask_ReviewOffer");
        assertThat(api.status(caseId)).isEqualTo("OPEN");
    }

    @Test
    void aDecisionBeforeTheCaseReachedItsWaitStateIsCarriedOut() {
        // hold the case before its wait state: the notice job exists but does not run
        JobDefinition notice = processEngine
                .getManagementService()
                .createJobDefinitionQuery()
                .activityIdIn("Task_SendBackorderNotice")
                .singleResult();
        processEngine.getManagementService().suspendJobDefinitionById(notice.getId());
        String caseId;
        try {
            caseId = placedCase("ORD", "STANDARD", catalog.product(0), 2);
            assertThat(processEngine
                            .getManagementService()
                            .createJobQuery()
                            .processInstanceId(instanceId(caseId))
                            .activityId("Task_SendBackorderNotice")
                            .suspended()
                            .count())
                    .isEqualTo(1);

            api.decide(caseId, "cancel", null);

            await().until(() -> api.status(caseId).equals("CANCELLED"));
        } finally {
            processEngine.getManagementService().activateJobDefinitionById(notice.getId(), true);
        }
        await().until(() -> !isRunning(caseId));
        assertThat(api.backorder(caseId).path("emails").findValuesAsText("template"))
                .containsExactly("cancelled");
    }

    @Test
    void aMessageTheCaseCannotTakeYetIsDeliveredOnceItCan() {
        String caseId = placedCase("ORD", "STANDARD", catalog.product(0), 2);
        awaitWaiting(caseId);
        String instanceId = instanceId(caseId);
        processEngine.getRuntimeService().suspendProcessInstanceById(instanceId);
        try {
            assertThat(api.decide(caseId, "wait", null).status()).isEqualTo(202);
            await().until(() -> catalog.count("""
                    select count(*) from case_message where case_id = ? and delivered_at is null and attempts > 0""", caseId) == 1);
        } finally {
            processEngine.getRuntimeService().activateProcessInstanceById(instanceId);
        }

        await().until(() -> processEngine
                        .getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(instanceId)
                        .activityId("EndEvent_WaitChoiceRecorded")
                        .count()
                == 1);
        assertThat(catalog.count(
                        "select count(*) from case_message where case_id = ? and outcome = 'DELIVERED'", caseId))
                .isEqualTo(1);
    }

    @Test
    void aReceiptWakingSeveralCasesReachesEachThoughOneCannotTakeItYet() {
        // the three messages are delivered together; the group fails on the suspended case, so each is then
        // delivered on its own and only the one its case cannot take yet waits for the sweep
        String sku = catalog.product(0);
        String first = placedCase("ORD", "STANDARD", sku, 2);
        String busy = placedCase("ORD", "STANDARD", sku, 2);
        String last = placedCase("ORD", "STANDARD", sku, 2);
        awaitWaiting(first);
        awaitWaiting(busy);
        awaitWaiting(last);
        String busyInstance = instanceId(busy);
        processEngine.getRuntimeService().suspendProcessInstanceById(busyInstance);
        try {
            assertThat(api.receive(Catalog.unique("RCPT"), sku, 6).status()).isEqualTo(201);

            await().until(() ->
                    api.status(first).equals("FULFILLED") && api.status(last).equals("FULFILLED"));
            await().until(() -> catalog.count("""
                    select count(*) from case_message where case_id = ? and delivered_at is null and attempts > 0""", busy) == 1);
            assertThat(api.status(busy)).isEqualTo("OPEN");
        } finally {
            processEngine.getRuntimeService().activateProcessInstanceById(busyInstance);
        }

        await().until(() -> api.status(busy).equals("FULFILLED"));
    }

    @Test
    void aMessageThatCannotBeDeliveredDoesNotHoldUpTheOnesBehindIt() {
        String stuck = placedCase("ORD", "STANDARD", catalog.product(0), 2);
        String next = placedCase("ORD", "STANDARD", catalog.product(0), 2);
        awaitWaiting(stuck);
        awaitWaiting(next);
        LocalDateTime due = LocalDateTime.of(2000, 1, 1, 0, 0);
        String queue = """
                insert into case_message (case_id, message_name, variables, created_at, next_attempt_at, attempts)
                values (?, 'WaitChosen', ?, ?, ?, 0)""";
        // the sweep takes due messages in the order they were queued: the unreadable one first
        jdbc.update(queue, stuck, "{not json", due, due);
        jdbc.update(queue, next, null, due, due);

        try {
            await().until(() ->
                    catalog.count("select count(*) from case_message where case_id = ? and outcome = 'DELIVERED'", next)
                            == 1);
            await().until(() -> catalog.count("""
                            select count(*) from case_message where case_id = ? and delivered_at is null
                            and attempts > 0 and last_error like '%unreadable variables%'""", stuck) == 1);
            assertThat(processEngine
                            .getHistoryService()
                            .createHistoricActivityInstanceQuery()
                            .processInstanceId(instanceId(next))
                            .activityId("EndEvent_WaitChoiceRecorded")
                            .count())
                    .isEqualTo(1);
        } finally {
            // given up, as the sweep would after its attempts, so that it does not follow the next tests
            jdbc.update(
                    "update case_message set delivered_at = ?, outcome = 'FAILED' where case_id = ? and delivered_at is null",
                    due,
                    stuck);
        }
    }

    @Test
    void aReceiptWakingMoreCasesThanOneDeliveryGroupHasWokenEachWhenItIsAnswered() {
        // messages are delivered in groups of 20, each group in one transaction, the groups side by side on the
        // delivery threads, and all before the receipt answers
        String sku = catalog.product(0);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            cases.add(placedCase("ORD", "STANDARD", sku, 1));
        }
        cases.forEach(this::awaitWaiting);

        assertThat(api.receive(Catalog.unique("RCPT"), sku, 23).status()).isEqualTo(201);

        assertThat(cases).allSatisfy(caseId -> assertThat(api.status(caseId)).isEqualTo("FULFILLED"));
        assertThat(catalog.count("""
                        select count(*) from case_message m join backorder_case c on c.case_id = m.case_id
                        where c.sku = ? and m.message_name = 'StockAllocated' and m.outcome = 'DELIVERED'""", sku)).isEqualTo(23);
    }

    @Test
    void twoCallRequestsQueuedTogetherForACaseGiveItOneCallTask() {
        String caseId = placedCase("ORD", "STANDARD", catalog.product(0), 2);
        awaitWaiting(caseId);

        // two bounces in one transaction: the second request must find the call task the first opened
        transactions.executeWithoutResult(tx -> {
            inbox.queue(caseId, CaseMessage.AGENT_CONTACT_NEEDED, Map.of("contactReason", "first bounce"));
            inbox.queue(caseId, CaseMessage.AGENT_CONTACT_NEEDED, Map.of("contactReason", "second bounce"));
        });

        assertThat(catalog.count(
                        "select count(*) from case_message where case_id = ? and outcome = 'DELIVERED'", caseId))
                .isEqualTo(2);
        List<Task> calls = openTasks(caseId, "UserTask_ContactCustomer");
        assertThat(calls).as("one call task").hasSize(1);
        assertThat(calls.get(0).getDescription()).contains("Asked again", "second bounce");
    }

    @Test
    void aReceiptWhileANewCaseIsWrittenNeverLeavesItsUnitsOnTheShelfWhileTheCaseWaits() {
        String sku = catalog.product(0);
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        CompletableFuture<Api.Response> receipt = new CompletableFuture<>();
        // Intake has read the stock (none) and written the case, not yet its counts nor its commit: now the
        // receipt comes. Either it waits for the order and serves the new case, or it books first and the
        // order finds the units; never may they sit on the shelf while the case waits.
        probe.once(CaseOpened.class, opened -> opened.caseId().equals(caseId), opened -> {
            CompletableFuture.supplyAsync(() -> api.receive(Catalog.unique("RCPT"), sku, 2))
                    .whenComplete((response, error) -> {
                        if (error == null) {
                            receipt.complete(response);
                        } else {
                            receipt.completeExceptionally(error);
                        }
                    });
            await().until(() -> receipt.isDone() || database.sessionBlockedOnLock());
        });

        Api.Response placed = api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 2));

        JsonNode allocations = receipt.join().body().path("allocations");
        if (TestDatabase.postgres()) {
            // the case's new rows reference the product: the receipt's lock on it waits for the order's commit
            assertThat(placed.body().path("lines").get(0).path("outcome").asText())
                    .isEqualTo("BACKORDERED");
            assertThat(allocations.get(0).path("caseId").asText()).isEqualTo(caseId);
            await().until(() -> api.status(caseId).equals("FULFILLED"));
            assertThat(catalog.heldFor(caseId, "RECEIPT")).isEqualTo(2);
        } else {
            // H2 lets the receipt book first: the order's counts have moved, and it is placed again under the lock
            assertThat(placed.body().path("lines").get(0).path("outcome").asText())
                    .isEqualTo("RESERVED");
            assertThat(allocations).isEmpty();
            assertThat(catalog.count(
                            "select coalesce(sum(quantity), 0) from reservation where order_id = ? and source = 'INTAKE'",
                            orderId))
                    .isEqualTo(2);
        }
        assertThat(catalog.onHand(sku)).isZero();
    }

    @Test
    void eventsForAnEndedCaseAreRefusedOrIgnoredNeverFailing() {
        String sku = catalog.product(0);
        String caseId = placedCase("ORD", "STANDARD", sku, 2);
        awaitWaiting(caseId);
        api.decide(caseId, "cancel", null);
        await().until(() -> !isRunning(caseId));

        Api.Response lateDecision = api.decide(caseId, "wait", null);
        Api.Response lateReceipt = api.receive(Catalog.unique("RCPT"), sku, 2);

        assertThat(lateDecision.status()).isEqualTo(409);
        assertThat(lateDecision.body().path("detail").asText()).contains("closed");
        assertThat(lateReceipt.status()).isEqualTo(201);
        assertThat(lateReceipt.body().path("allocations")).isEmpty();
        assertThat(catalog.onHand(sku)).isEqualTo(2);
    }

    // -- helpers -----------------------------------------------------------------------------------

    private boolean isRunning(String caseId) {
        return processEngine
                        .getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(caseId)
                        .count()
                > 0;
    }

    private List<String> openTaskKeys(String caseId) {
        return processEngine.getTaskService().createTaskQuery().processInstanceBusinessKey(caseId).list().stream()
                .map(Task::getTaskDefinitionKey)
                .toList();
    }
}
