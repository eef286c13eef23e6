package io.backorderengine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every test that needs the running application. All such tests share one Spring context
 * (same annotations, same properties), one in-memory database and one real SMTP server inside the
 * JVM, so the suite starts the application once. Tests keep out of each other's way by using their
 * own SKUs and order ids ({@link Catalog}).
 */
@Tag("application")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests leave metrics exporters off; /actuator/prometheus is part of the product
@AutoConfigureObservability(tracing = false)
@ActiveProfiles(resolver = TestDatabase.Profiles.class)
@Import(TestProbes.class)
public abstract class ApplicationTest {

    /** A real SMTP server for the whole test JVM. */
    protected static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
        Runtime.getRuntime().addShutdownHook(new Thread(SMTP::stop));
        Awaitility.setDefaultTimeout(Duration.ofSeconds(20));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        if (TestDatabase.postgres()) {
            registry.add("spring.datasource.url", () -> TestDatabase.server().getJdbcUrl("postgres", "postgres"));
            registry.add("spring.datasource.username", () -> "postgres");
            registry.add("spring.datasource.password", () -> "");
        }
    }

    @Autowired
    protected ProcessEngine processEngine;

    @Autowired
    protected Api api;

    @Autowired
    protected Catalog catalog;

    @BeforeEach
    void initProcessAssertions() {
        // camunda-bpm-assert keeps the engine in a thread-local; without this a test passes alone
        // and fails in the full suite
        init(processEngine);
    }

    // -- the scenario toolkit: cases in the states tests start from ----------------------------------

    /** A one-line order placed (answered 201) whose line is short: the case it opened. */
    protected String placedCase(String prefix, String tier, String sku, int quantity) {
        String orderId = Catalog.unique(prefix);
        assertThat(api.placeOrder(orderId, tier, new Api.Line("1", sku, quantity))
                        .status())
                .as("order %s placed", orderId)
                .isEqualTo(201);
        String caseId = orderId + "-1";
        awaitStarted(caseId);
        return caseId;
    }

    /**
     * Waits until the case's process has started (intake answers first and starts it a moment later); its
     * process instance id.
     */
    protected String awaitStarted(String caseId) {
        return await().until(
                        () -> processEngine
                                .getHistoryService()
                                .createHistoricProcessInstanceQuery()
                                .processInstanceBusinessKey(caseId)
                                .list(),
                        started -> !started.isEmpty())
                .get(0)
                .getId();
    }

    /** A case of a product out of stock, once the mail server has accepted its backorder notice. */
    protected String caseWithNoticeSent(String prefix) {
        String caseId = placedCase(prefix, "STANDARD", catalog.product(0), 1);
        await().until(() -> api.backorder(caseId)
                .path("emails")
                .path(0)
                .path("state")
                .asText()
                .equals("SENT"));
        return caseId;
    }

    /** A case at its wait state (notice sent, waiting for stock or a decision). */
    protected String waitingCase(String sku, int quantity) {
        String caseId = placedCase("ORD", "STANDARD", sku, quantity);
        awaitWaiting(caseId);
        return caseId;
    }

    /** Waits until the case is at its wait state (its notice sent). */
    protected void awaitWaiting(String caseId) {
        await().until(() -> processEngine
                        .getRuntimeService()
                        .createExecutionQuery()
                        .processInstanceBusinessKey(caseId)
                        .activityId("Event_MaxWaitReached")
                        .count()
                == 1);
    }

    /** A new purchase order for the SKU from its supplier, as an order system posts it. */
    protected Api.Response purchaseOrdered(String sku, int quantity, LocalDate expected) {
        return api.post(
                "/api/inventory/purchase-orders",
                Map.of(
                        "purchaseOrderId", Catalog.unique("PO"),
                        "sku", sku,
                        "supplierId", catalog.supplierOf(sku),
                        "quantity", quantity,
                        "expectedDate", expected.toString()));
    }

    /** Creates or changes a purchase order for the SKU from its supplier, as an order system PUTs it. */
    protected Api.Response savePurchaseOrder(String purchaseOrderId, String sku, int quantity, LocalDate expected) {
        return api.put(
                "/api/inventory/purchase-orders",
                Map.of(
                        "purchaseOrderId", purchaseOrderId,
                        "sku", sku,
                        "supplierId", catalog.supplierOf(sku),
                        "quantity", quantity,
                        "expectedDate", expected.toString()));
    }

    /** Fires the case's timer at the activity now, as if its time had come (waiting until the timer exists). */
    protected void fireTimer(String caseId, String activityId) {
        processEngine
                .getManagementService()
                .executeJob(timer(caseId, activityId).getId());
    }

    /** The case's timer job at the activity, once it exists. */
    protected Job timer(String caseId, String activityId) {
        return await().until(
                        () -> processEngine
                                .getManagementService()
                                .createJobQuery()
                                .processInstanceId(instanceId(caseId))
                                .timers()
                                .activityId(activityId)
                                .singleResult(),
                        job -> job != null);
    }

    /** Waits until the case's process has started and ended (its last steps, such as the ship notice, are done). */
    protected void awaitProcessEnded(String caseId) {
        awaitStarted(caseId);
        await().until(() -> processEngine
                        .getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(caseId)
                        .count()
                == 0);
    }

    /** The running process instance of a case, once it has started. */
    protected String instanceId(String caseId) {
        return startedInstance(caseId).getId();
    }

    /** The case's open tasks of one kind (a model's task id), however many there are. */
    protected List<Task> openTasks(String caseId, String taskKey) {
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(caseId)
                .taskDefinitionKey(taskKey)
                .list();
    }

    /** The case's one open task, once its process has reached it. */
    protected Task awaitTask(String caseId) {
        return await().until(
                        () -> processEngine
                                .getTaskService()
                                .createTaskQuery()
                                .processInstanceBusinessKey(caseId)
                                .singleResult(),
                        task -> task != null);
    }

    /** The case's running process instance, once it has started. */
    protected ProcessInstance startedInstance(String caseId) {
        return await().until(
                        () -> processEngine
                                .getRuntimeService()
                                .createProcessInstanceQuery()
                                .processInstanceBusinessKey(caseId)
                                .singleResult(),
                        instance -> instance != null);
    }
}
