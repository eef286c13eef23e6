package io.backorderengine.backorder.process;

import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.backorderengine.inventory.StockAllocations;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Database;
import io.backorderengine.support.EventProbe;
import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every path of processes/backorder.bpmn, one test per outcome, on the real engine with the real
 * delegates. Events come in the way they do in production (receipts, decisions, purchase orders over
 * HTTP); timers are driven by hand by executing their jobs.
 */
class BackorderProcessTests extends ApplicationTest {

    @Autowired
    EventProbe probe;

    @Autowired
    Database database;

    // -- the way in --------------------------------------------------------------------------------

    @Test
    void aShortLineIsRegisteredPromisedOfferedNotifiedAndWaits() {
        Case c = openCase("STANDARD", 0, 3);

        awaitWaitingForMaxWait(c);
        assertThat(c.instance())
                .hasPassedInOrder(
                        "StartEvent_BackorderRequested",
                        "Task_RegisterCase",
                        "StartEvent_CaseOpened",
                        "Task_DetermineExpectedDate",
                        "Task_FindAlternatives",
                        "Task_DecideOffer",
                        "Gateway_ReviewRequired",
                        "Task_RecordOffer",
                        "Task_SendBackorderNotice");
        assertThat(c.instance()).hasNotPassed("UserTask_ReviewOffer");
        assertThat(c.instance()).variables().containsEntry("caseId", c.id()).containsKey("maxWaitUntil");
    }

    @Test
    void anOfferThePolicyFlagsWaitsForAnAgentsReview() {
        // GOLD and a wait over two weeks: the policy asks for a review
        Case c = openCase("GOLD", 0, 20);

        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ReviewOffer"));
        // the customer is told meanwhile, not after the review
        await().untilAsserted(() -> assertThat(c.instance()).hasPassed("Task_SendFirstNotice"));
        assertThat(task(c.instance())).hasCandidateGroup("agents");
        complete(task(c.instance()), withVariables("discountPercent", 12));

        awaitWaitingForMaxWait(c);
        assertThat(c.instance()).hasPassed("Task_RecordReviewedOffer", "Task_SendOfferNotice");
        assertThat(c.instance()).hasNotPassed("Task_RecordOffer", "Task_SendBackorderNotice");
        Assertions.assertThat(api.backorder(c.id())
                        .path("offers")
                        .get(0)
                        .path("discountPercent")
                        .asInt())
                .isEqualTo(12);
    }

    @Test
    void theHistoryKeepsTheCasesPathAndWhoWorkedItButNotEveryValueItHeld() {
        Case c = openCase("GOLD", 0, 20);
        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ReviewOffer"));
        var identity = processEngine.getIdentityService();
        identity.setAuthentication("history-agent", List.of("agents"));
        try {
            processEngine.getTaskService().complete(task(c.instance()).getId(), Map.of("discountPercent", 12));
        } finally {
            identity.clearAuthentication();
        }
        awaitWaitingForMaxWait(c);

        var history = processEngine.getHistoryService();
        String id = c.instance().getId();
        Assertions.assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(id)
                        .activityId("Task_SendFirstNotice")
                        .finished()
                        .count())
                .isEqualTo(1);
        Assertions.assertThat(history.createHistoricTaskInstanceQuery()
                        .processInstanceId(id)
                        .taskDefinitionKey("UserTask_ReviewOffer")
                        .finished()
                        .singleResult()
                        .getDeleteReason())
                .isEqualTo("completed");
        Assertions.assertThat(history.createUserOperationLogQuery()
                        .processInstanceId(id)
                        .userId("history-agent")
                        .operationType("Complete")
                        .count())
                .isEqualTo(1);
        // the case's ledger keeps its facts; the engine does not keep each variable value, job or DMN evaluation
        Assertions.assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(id)
                        .count())
                .isZero();
        Assertions.assertThat(history.createHistoricDetailQuery()
                        .processInstanceId(id)
                        .count())
                .isZero();
        Assertions.assertThat(history.createHistoricDecisionInstanceQuery()
                        .processInstanceId(id)
                        .count())
                .isZero();
        Assertions.assertThat(history.createHistoricJobLogQuery()
                        .processInstanceId(id)
                        .count())
                .isZero();
    }

    // -- while waiting: stock ----------------------------------------------------------------------

    @Test
    void stockForTheWholeShortfallShipsTheBackorder() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);

        api.receive(Catalog.unique("RCPT"), c.sku(), 2);

        awaitEnded(c, "EndEvent_BackorderFulfilled");
        assertThat(c.instance()).hasPassed("Event_StockAllocated", "Task_SendShipNotice");
        Assertions.assertThat(api.status(c.id())).isEqualTo("FULFILLED");
    }

    @Test
    void stockForPartOfTheShortfallIsAnnouncedAndTheCaseKeepsWaiting() {
        Case c = openCase("STANDARD", 0, 3, 5);
        awaitWaitingForMaxWait(c);

        api.receive(Catalog.unique("RCPT"), c.sku(), 2);

        await().untilAsserted(() -> assertThat(c.instance())
                .hasPassed(
                        "Event_StockPartlyAllocated",
                        "Task_SendPartialShipmentNotice",
                        "EndEvent_PartialShipmentNotified"));
        assertThat(c.instance()).isWaitingAt("Event_MaxWaitReached");
        Assertions.assertThat(catalog.heldFor(c.id(), "RECEIPT")).isEqualTo(2);
    }

    // -- while waiting: supply changes -------------------------------------------------------------

    @Test
    void aSupplierDateThatMovesThePromiseIsSentToTheCustomer() {
        Case c = openCase("STANDARD", 0, 20);
        awaitWaitingForMaxWait(c);

        api.post(
                "/api/inventory/purchase-orders",
                purchaseOrder(Catalog.unique("PO"), c.sku(), catalog.today().plusDays(4)));

        await().untilAsserted(() -> assertThat(c.instance())
                .hasPassed(
                        "Event_SupplierDateChanged",
                        "Task_RepromiseDate",
                        "Task_SendDateChangedNotice",
                        "EndEvent_DateChangeNotified"));
        Assertions.assertThat(api.backorder(c.id()).path("promises")).hasSize(2);
    }

    @Test
    void aSupplierDateThatMovesLessThanTheThresholdIsRecordedButNotSent() {
        String sku = catalog.product("Test product", "20.00", 0, 3);
        String poId = Catalog.unique("PO");
        catalog.purchaseOrder(poId, sku, 10, catalog.today().plusDays(10));
        Case c = open("STANDARD", sku, null, 2);
        awaitWaitingForMaxWait(c);

        // one day later: a new promise, but within the 2-day threshold the customer is not told
        api.put(
                "/api/inventory/purchase-orders/" + poId,
                purchaseOrder(poId, sku, catalog.today().plusDays(11)));

        await().untilAsserted(() -> assertThat(c.instance())
                .hasPassed("Event_SupplierDateChanged", "Task_RepromiseDate", "EndEvent_DatePromiseKept"));
        assertThat(c.instance()).hasNotPassed("Task_SendDateChangedNotice");
        Assertions.assertThat(api.backorder(c.id()).path("promises")).hasSize(2);
    }

    // -- while waiting: the customer decides -------------------------------------------------------

    @Test
    void aCustomerWhoKeepsWaitingIsRecordedAndTheCaseWaits() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);

        api.decide(c.id(), "wait", null);

        await().untilAsserted(
                        () -> assertThat(c.instance()).hasPassed("Event_WaitChosen", "EndEvent_WaitChoiceRecorded"));
        assertThat(c.instance()).isWaitingAt("Event_MaxWaitReached");
    }

    @Test
    void aCustomerWhoTakesTheAlternativeGetsIt() {
        Case c = openCaseWithSubstitute();
        awaitWaitingForMaxWait(c);

        Assertions.assertThat(api.decide(c.id(), "alternative", c.substitute()).status())
                .isEqualTo(202);

        awaitEnded(c, "EndEvent_AlternativeAccepted");
        assertThat(c.instance())
                .hasPassed("Event_AlternativeChosen", "Task_SwitchToAlternative", "Task_SendAlternativeConfirmation");
        Assertions.assertThat(api.status(c.id())).isEqualTo("ALTERNATIVE_ACCEPTED");
        Assertions.assertThat(catalog.heldFor(c.id(), "ALTERNATIVE")).isEqualTo(2);
    }

    @Test
    void aCustomerWhoCancelsGetsTheCancellationConfirmed() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);

        api.decide(c.id(), "cancel", null);

        awaitEnded(c, "EndEvent_BackorderCancelled");
        assertThat(c.instance())
                .hasPassed(
                        "Event_CancellationRequested", "Task_ReleaseReservation", "Task_SendCancellationConfirmation");
        Assertions.assertThat(api.status(c.id())).isEqualTo("CANCELLED");
    }

    // -- the max-wait policy -----------------------------------------------------------------------

    @Test
    void waitingPastTheLimitEscalatesAndTheSupervisorKeepsWaiting() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);
        Date firstLimit = (Date)
                processEngine.getRuntimeService().getVariable(c.instance().getId(), "maxWaitUntil");

        fireTimer(c, "Event_MaxWaitReached");

        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ResolveEscalation"));
        Task escalation = task(c.instance());
        assertThat(escalation).hasCandidateGroup("supervisors");
        Assertions.assertThat(escalation.getDueDate()).isNotNull();
        complete(escalation, withVariables("supervisorDecision", "keepWaiting"));

        awaitWaitingForMaxWait(c);
        assertThat(c.instance()).hasPassed("Task_OpenEscalation", "Gateway_EscalationOutcome", "Task_ExtendWait");
        Date newLimit = (Date)
                processEngine.getRuntimeService().getVariable(c.instance().getId(), "maxWaitUntil");
        Assertions.assertThat(newLimit).isNotEqualTo(firstLimit);
    }

    @Test
    void anEscalationLeftOpenPastItsDueDateEscalatesAgain() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);
        fireTimer(c, "Event_MaxWaitReached");
        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ResolveEscalation"));

        fireTimer(c, "Event_EscalationOverdue");

        await().untilAsserted(() -> assertThat(c.instance()).hasPassed("Event_EscalationOverdue", "Task_ReEscalate"));
        assertThat(c.instance()).isWaitingAt("UserTask_ResolveEscalation");
        assertThat(c.instance()).variables().containsEntry("escalationLevel", 2);
        Assertions.assertThat(task(c.instance()).getPriority()).isEqualTo(90);
    }

    @Test
    void aSupervisorWhoCancelsEndsTheCaseAndTellsTheCustomer() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);
        fireTimer(c, "Event_MaxWaitReached");
        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ResolveEscalation"));

        complete(
                task(c.instance()),
                withVariables("supervisorDecision", "cancel", "cancelReason", "supplier discontinued it"));

        awaitEnded(c, "EndEvent_BackorderCancelled");
        assertThat(c.instance())
                .hasPassed(
                        "Task_RecordSupervisorCancellation",
                        "EndEvent_CancelledBySupervisor",
                        "Event_CaseCancelled",
                        "Task_ReleaseReservation",
                        "Task_SendCancellationConfirmation");
        var view = api.backorder(c.id());
        Assertions.assertThat(view.path("status").asText()).isEqualTo("CANCELLED");
        Assertions.assertThat(view.path("closeReason").asText()).isEqualTo("supplier discontinued it");
    }

    @Test
    void aSupervisorCancellationThatCrossesAnAllocationLetsTheCaseShip() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);
        fireTimer(c, "Event_MaxWaitReached");
        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ResolveEscalation"));
        String taskId = task(c.instance()).getId();
        CompletableFuture<Void> supervisor = new CompletableFuture<>();
        // While the receipt holds the stock lock (allocated, not yet committed), the supervisor cancels:
        // the cancellation waits for the lock, then finds the stock allocated.
        probe.once(
                StockAllocations.class,
                made -> made.allocations().stream().anyMatch(a -> a.caseId().equals(c.id())),
                made -> {
                    CompletableFuture.runAsync(() -> processEngine
                                    .getTaskService()
                                    .complete(taskId, Map.of("supervisorDecision", "cancel")))
                            .whenComplete((ok, error) -> {
                                if (error == null) {
                                    supervisor.complete(null);
                                } else {
                                    supervisor.completeExceptionally(error);
                                }
                            });
                    database.awaitSessionBlockedOnLock();
                });

        api.receive(Catalog.unique("RCPT"), c.sku(), 2);

        supervisor.join();
        awaitEnded(c, "EndEvent_BackorderFulfilled");
        assertThat(c.instance()).hasPassed("Event_AlreadyAllocated", "Task_ExtendWait", "Event_StockAllocated");
        assertThat(c.instance()).hasNotPassed("EndEvent_CancelledBySupervisor");
        Assertions.assertThat(api.status(c.id())).isEqualTo("FULFILLED");
    }

    // -- reminders and silent customers ------------------------------------------------------------

    @Test
    void aReminderIsSentAndACustomerWhoAnsweredIsLeftAlone() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);

        fireTimer(c, "StartEvent_ReminderDue");

        await().untilAsserted(() -> assertThat(c.instance())
                .hasPassed("Task_SendStatusReminder", "Task_CheckCustomerSilence", "EndEvent_CustomerNotSilent"));
        Assertions.assertThat(api.backorder(c.id()).path("emails").findValuesAsText("template"))
                .contains("status-reminder");
    }

    @Test
    void aCustomerSilentAfterTheRemindersIsCalledByAnAgent() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);

        remindTwice(c);

        Task call = agentsCall(c);
        assertThat(call).hasCandidateGroup("agents");
        complete(call, withVariables("customerDecision", "cancel", "cancelReason", "found it elsewhere"));

        awaitEnded(c, "EndEvent_BackorderCancelled");
        assertThat(c.instance())
                .hasPassed("Task_ApplyCustomerDecision", "EndEvent_CustomerContacted", "Event_CancellationRequested");
    }

    @Test
    void aDecisionTheCaseCannotTakeGoesBackToTheAgent() {
        Case c = openCase("STANDARD", 0, 3);
        awaitWaitingForMaxWait(c);
        remindTwice(c);
        Task call = agentsCall(c);

        complete(call, withVariables("customerDecision", "alternative", "alternativeSku", "NOT-OFFERED"));

        assertThat(c.instance()).hasPassed("Event_DecisionRefused");
        assertThat(c.instance()).isWaitingAt("UserTask_ContactCustomer", "Event_MaxWaitReached");
        Assertions.assertThat((String) processEngine
                        .getRuntimeService()
                        .getVariable(c.instance().getId(), "decisionRefusal"))
                .contains("not one of the alternatives offered");
        Assertions.assertThat(api.status(c.id())).isEqualTo("OPEN");
    }

    // -- helpers -----------------------------------------------------------------------------------

    record Case(String id, String sku, String substitute, ProcessInstance instance) {}

    private Case openCase(String tier, int onHand, int leadTimeDays) {
        return openCase(tier, onHand, leadTimeDays, 2);
    }

    private Case openCase(String tier, int onHand, int leadTimeDays, int quantity) {
        String sku = catalog.product("Test product", "20.00", onHand, leadTimeDays);
        return open(tier, sku, null, quantity);
    }

    private Case openCaseWithSubstitute() {
        String sku = catalog.product("Trail tent", "100.00", 0, 5);
        String substitute = catalog.product("Trail tent XL", "120.00", 10, 5);
        catalog.substitute(sku, substitute);
        return open("STANDARD", sku, substitute, 2);
    }

    private Case open(String tier, String sku, String substitute, int quantity) {
        String orderId = Catalog.unique("ORD");
        Assertions.assertThat(api.placeOrder(orderId, tier, new Api.Line("1", sku, quantity))
                        .status())
                .isEqualTo(201);
        String caseId = orderId + "-1";
        return new Case(caseId, sku, substitute, startedInstance(caseId));
    }

    private void awaitWaitingForMaxWait(Case c) {
        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("Event_MaxWaitReached"));
        await().until(() -> processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(c.instance().getId())
                        .messages()
                        .count()
                == 0);
    }

    private void awaitEnded(Case c, String endEvent) {
        await().untilAsserted(() -> assertThat(c.instance()).isEnded());
        assertThat(c.instance()).hasPassed(endEvent);
    }

    private void fireTimer(Case c, String activityId) {
        List<Job> timers = processEngine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(c.instance().getId())
                .timers()
                .activityId(activityId)
                .list();
        Assertions.assertThat(timers).as("timer at " + activityId).hasSize(1);
        processEngine.getManagementService().executeJob(timers.get(0).getId());
    }

    private void remindTwice(Case c) {
        fireTimer(c, "StartEvent_ReminderDue");
        await().until(() -> processEngine
                        .getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(c.instance().getId())
                        .activityId("EndEvent_CustomerNotSilent")
                        .count()
                == 1);
        fireTimer(c, "StartEvent_ReminderDue");
    }

    private Map<String, Object> purchaseOrder(String id, String sku, LocalDate expected) {
        return Map.of(
                "purchaseOrderId",
                id,
                "sku",
                sku,
                "supplierId",
                catalog.supplierOf(sku),
                "quantity",
                10,
                "expectedDate",
                expected.toString());
    }

    /** The agent's task to call the customer, once the case has asked for it. */
    private Task agentsCall(Case c) {
        await().untilAsserted(() -> assertThat(c.instance()).isWaitingAt("UserTask_ContactCustomer"));
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(c.instance().getId())
                .taskDefinitionKey("UserTask_ContactCustomer")
                .singleResult();
    }
}
