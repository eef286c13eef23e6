package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebappSession;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Every HTTP surface against every kind of caller: 401 for anonymous callers and wrong passwords,
 * 403 for a role that may not, 2xx for one that may; and a refused call changes nothing.
 */
class SecurityMatrixTests extends ApplicationTest {

    enum Caller {
        ANONYMOUS,
        WRONG_PASSWORD,
        AGENT,
        SUPERVISOR,
        ANALYST,
        ORDER_SYSTEM,
        ADMIN
    }

    /** What a call answered, and whether it changed anything a refusal must leave alone. */
    record Outcome(int status, boolean changed) {}

    record Surface(String name, Function<Caller, Outcome> call, int... expected) {}

    @LocalServerPort
    int port;

    @TestFactory
    List<DynamicTest> everySurfaceAgainstEveryCaller() {
        String stocked = catalog.product(1000);
        String caseId = placedCase("SEC", "STANDARD", catalog.product(0), 1);
        String link = decisionLink(caseId);
        String messageId =
                api.backorder(caseId).path("emails").get(0).path("messageId").asText();
        // one paused subscriber for the calls that only read or requeue (it is never called)
        String paused = subscriber();
        List<Surface> surfaces = new ArrayList<>(List.of(
                //                                                        anon wrong agent sup  analyst shop admin
                new Surface("POST /api/orders", c -> placeOrder(c, stocked), 401, 401, 403, 403, 403, 201, 201),
                new Surface("POST /api/inventory/receipts", this::receive, 401, 401, 403, 403, 403, 201, 201),
                new Surface("PUT /api/inventory/products", this::uploadProduct, 401, 401, 403, 403, 403, 200, 200),
                new Surface("PUT /api/inventory/suppliers", this::uploadSupplier, 401, 401, 403, 403, 403, 200, 200),
                new Surface(
                        "PUT /api/inventory/substitutes",
                        c -> uploadSubstitute(c, stocked),
                        401,
                        401,
                        403,
                        403,
                        403,
                        200,
                        200),
                new Surface(
                        "PUT /api/inventory/stock-changes",
                        c -> countStock(c, stocked),
                        401,
                        401,
                        403,
                        403,
                        403,
                        200,
                        200),
                new Surface("GET /v3/api-docs", c -> read(c, "/v3/api-docs"), 401, 401, 403, 403, 403, 200, 200),
                new Surface(
                        "GET /actuator/prometheus",
                        c -> read(c, "/actuator/prometheus"),
                        401,
                        401,
                        403,
                        403,
                        403,
                        403,
                        200),
                new Surface("GET /api/events", c -> read(c, "/api/events?limit=1"), 401, 401, 403, 403, 403, 200, 200),
                new Surface("GET /api/policies", c -> read(c, "/api/policies"), 401, 401, 403, 403, 200, 403, 200),
                new Surface(
                        "POST /api/policies/{key}/evaluate",
                        c -> new Outcome(
                                as(c).post(
                                                "/api/policies/waiting-policy/evaluate",
                                                Map.of("inputs", List.of(Map.of("customerTier", "GOLD"))))
                                        .status(),
                                false),
                        401,
                        401,
                        403,
                        403,
                        200,
                        403,
                        200),
                new Surface(
                        "GET /api/backorders (list)",
                        c -> read(c, "/api/backorders?size=1"),
                        401,
                        401,
                        200,
                        200,
                        403,
                        200,
                        200),
                new Surface(
                        "GET /api/orders (a customer's)",
                        c -> read(c, "/api/orders?customerId=C&size=1"),
                        401,
                        401,
                        200,
                        200,
                        403,
                        200,
                        200),
                new Surface(
                        "GET /api/inventory/products/{sku}",
                        c -> read(c, "/api/inventory/products/" + stocked),
                        401,
                        401,
                        403,
                        403,
                        403,
                        200,
                        200),
                new Surface(
                        "GET /api/backorders/{id}",
                        c -> read(c, "/api/backorders/" + caseId),
                        401,
                        401,
                        200,
                        200,
                        403,
                        200,
                        200),
                new Surface(
                        "POST /api/backorders/{id}/decision",
                        c -> decide(c, caseId),
                        401,
                        401,
                        403,
                        403,
                        403,
                        202,
                        202),
                new Surface(
                        "GET /engine-rest (read)",
                        c -> read(c, "/engine-rest/process-definition/key/backorder"),
                        401,
                        401,
                        403,
                        403,
                        200,
                        200,
                        200),
                new Surface("POST /engine-rest (start)", this::start, 401, 401, 403, 403, 403, 200, 200),
                new Surface("POST /engine-rest (deploy)", this::deploy, 401, 401, 403, 403, 200, 403, 200),
                new Surface(
                        "/camunda/api/engine (Tasklist: log in, claim)",
                        this::claimInTasklist,
                        401,
                        401,
                        204,
                        204,
                        403,
                        403,
                        204),
                new Surface(
                        "/camunda/api/admin (log in to Admin)", this::logInToAdmin, 401, 401, 403, 403, 403, 403, 200),
                new Surface(
                        "/camunda/api/admin/setup (first-admin setup)",
                        this::setUpAdmin,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403),
                new Surface(
                        "POST /api/notifications/bounces",
                        c -> bounce(c, messageId),
                        401,
                        401,
                        403,
                        403,
                        403,
                        202,
                        202),
                new Surface(
                        "PUT /api/backorders/{id}/priority",
                        c -> prioritize(c, caseId),
                        401,
                        401,
                        403,
                        200,
                        403,
                        403,
                        200),
                new Surface("POST /api/admin/api-keys", this::issueKey, 401, 401, 403, 403, 403, 403, 201),
                new Surface("POST /api/admin/webhooks", this::subscribe, 401, 401, 403, 403, 403, 403, 201),
                new Surface("PUT /api/admin/webhooks/{id}", this::changeSubscriber, 401, 401, 403, 403, 403, 403, 200),
                new Surface(
                        "DELETE /api/admin/webhooks/{id}", this::removeSubscriber, 401, 401, 403, 403, 403, 403, 204),
                new Surface(
                        "GET /api/admin/webhooks/{id}/deliveries",
                        c -> read(c, "/api/admin/webhooks/" + paused + "/deliveries"),
                        401,
                        401,
                        403,
                        403,
                        403,
                        403,
                        200),
                new Surface(
                        "POST /api/admin/webhooks/{id}/retries",
                        c -> new Outcome(
                                as(c).post("/api/admin/webhooks/" + paused + "/retries", "")
                                        .status(),
                                false),
                        401,
                        401,
                        403,
                        403,
                        403,
                        403,
                        200),
                new Surface(
                        "GET /api/admin/webhooks",
                        c -> read(c, "/api/admin/webhooks"),
                        401,
                        401,
                        403,
                        403,
                        403,
                        403,
                        200),
                // the webapps' own engine API, with each caller's session (order systems may not log in)
                new Surface(
                        "/camunda/api/engine (start a case)", this::startInWebapp, 401, 401, 403, 403, 403, 403, 200),
                new Surface("/camunda/api/engine (deploy)", this::deployInWebapp, 401, 401, 403, 403, 200, 403, 200),
                new Surface(
                        "/camunda/api/engine (complete a task with a field its form lacks)",
                        this::completeWithExtraField,
                        401,
                        401,
                        400,
                        400,
                        403,
                        403,
                        400),
                // the customer page: the link's token is the credential, whoever else calls
                new Surface(
                        "GET /customer/decisions/{valid token}", c -> read(c, link), 200, 200, 200, 200, 200, 200, 200),
                new Surface(
                        "GET /customer/decisions/{tampered token}",
                        c -> read(c, link + "x"),
                        404,
                        404,
                        404,
                        404,
                        404,
                        404,
                        404),
                new Surface(
                        "POST /customer/decisions/{token} without the form's CSRF token",
                        c -> forgeDecision(c, link, caseId),
                        403,
                        403,
                        403,
                        403,
                        403,
                        403,
                        403),
                new Surface("GET /actuator/info", c -> read(c, "/actuator/info"), 401, 401, 403, 403, 403, 403, 200),
                // health is open to load balancers; wrong credentials are still refused
                new Surface(
                        "GET /actuator/health", c -> read(c, "/actuator/health"), 200, 401, 200, 200, 200, 200, 200)));
        // the insight reports, all read by supervisors, analysts and administrators alone
        for (String report : List.of("", "/suppliers", "/forecast?limit=1", "/reorder?limit=1")) {
            String path = "/api/insights" + report;
            surfaces.add(new Surface("GET " + path, c -> read(c, path), 401, 401, 403, 200, 200, 403, 200));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Surface surface : surfaces) {
            for (Caller caller : Caller.values()) {
                int expected = surface.expected()[caller.ordinal()];
                tests.add(DynamicTest.dynamicTest(surface.name() + " as " + caller, () -> {
                    Outcome outcome = surface.call().apply(caller);
                    assertThat(outcome.status())
                            .as(surface.name() + " as " + caller)
                            .isEqualTo(expected);
                    if (expected >= 400) {
                        assertThat(outcome.changed())
                                .as("a refused call changed something")
                                .isFalse();
                    }
                }));
            }
        }
        return tests;
    }

    // -- the calls ---------------------------------------------------------------------------------

    private Outcome placeOrder(Caller caller, String sku) {
        String orderId = Catalog.unique("SEC");
        int status = as(caller)
                .placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 1))
                .status();
        return new Outcome(
                status, api.as(TestUsers.ADMIN).get("/api/orders/" + orderId).status() == 200);
    }

    private Outcome receive(Caller caller) {
        String sku = catalog.product(0);
        int status = as(caller).receive(Catalog.unique("RCPT"), sku, 1).status();
        return new Outcome(status, catalog.onHand(sku) != 0);
    }

    private Outcome uploadProduct(Caller caller) {
        String sku = Catalog.unique("SECP");
        int status = as(caller)
                .put(
                        "/api/inventory/products",
                        List.of(Map.of(
                                "sku",
                                sku,
                                "name",
                                "Probe",
                                "unitPrice",
                                "1.00",
                                "supplierId",
                                catalog.supplierOf(catalog.product(0)))))
                .status();
        return new Outcome(status, catalog.count("select count(*) from product where sku = ?", sku) > 0);
    }

    private Outcome uploadSupplier(Caller caller) {
        String supplier = Catalog.unique("SECS");
        int status = as(caller)
                .put(
                        "/api/inventory/suppliers",
                        List.of(Map.of("supplierId", supplier, "name", "Probe", "leadTimeDays", 3)))
                .status();
        return new Outcome(status, catalog.count("select count(*) from supplier where supplier_id = ?", supplier) > 0);
    }

    private Outcome uploadSubstitute(Caller caller, String substitute) {
        String sku = catalog.product(0);
        int status = as(caller)
                .put("/api/inventory/substitutes", List.of(Map.of("sku", sku, "substituteSku", substitute)))
                .status();
        return new Outcome(status, catalog.count("select count(*) from substitute where sku = ?", sku) > 0);
    }

    private Outcome countStock(Caller caller, String sku) {
        String change = Catalog.unique("SECC");
        int status = as(caller)
                .put(
                        "/api/inventory/stock-changes",
                        List.of(Map.of("changeId", change, "sku", sku, "adjustBy", 1, "reason", "probe")))
                .status();
        return new Outcome(status, catalog.count("select count(*) from stock_change where change_id = ?", change) > 0);
    }

    private Outcome read(Caller caller, String path) {
        return new Outcome(as(caller).get(path).status(), false);
    }

    private Outcome decide(Caller caller, String caseId) {
        int before = decisions(caseId);
        int status = as(caller).decide(caseId, "wait", null).status();
        return new Outcome(status, decisions(caseId) != before);
    }

    private Outcome start(Caller caller) {
        String orderId = Catalog.unique("SEC");
        String sku = catalog.product(0);
        Map<String, Object> variables = Map.of(
                "orderId",
                Map.of("value", orderId),
                "lineId",
                Map.of("value", "1"),
                "sku",
                Map.of("value", sku),
                "quantityShort",
                Map.of("value", 1, "type", "Integer"),
                "customerId",
                Map.of("value", "C"),
                "customerName",
                Map.of("value", "N"),
                "customerEmail",
                Map.of("value", "n@example.com"),
                "customerTier",
                Map.of("value", "STANDARD"));
        int status = as(caller)
                .post(
                        "/engine-rest/process-definition/key/backorder/start",
                        Map.of("businessKey", orderId + "-1", "variables", variables))
                .status();
        return new Outcome(status, started(orderId + "-1"));
    }

    /** Deploys a new version of a process an administrator introduced (analysts may not add new ones). */
    private Outcome deploy(Caller caller) {
        String key = "securityProbe";
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="probe">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="StartEvent_Probe"/></process>
                </definitions>""".formatted(key);
        var repository = processEngine.getRepositoryService();
        if (repository.createProcessDefinitionQuery().processDefinitionKey(key).count() == 0) {
            repository
                    .createDeployment()
                    .name("security-probe-first")
                    .addString(key + ".bpmn", bpmn)
                    .deploy();
        }
        String name = Catalog.unique("security-probe");
        int status = as(caller).deploy(name, Map.of(key + ".bpmn", bpmn)).status();
        var deployments =
                repository.createDeploymentQuery().deploymentName(name).list();
        deployments.forEach(d -> repository.deleteDeployment(d.getId(), true));
        return new Outcome(status, !deployments.isEmpty());
    }

    private Outcome claimInTasklist(Caller caller) {
        Task task = reviewTask();
        WebappSession tasklist = new WebappSession(port);
        if (caller != Caller.ANONYMOUS) {
            int login = tasklist.login("tasklist", user(caller), password(caller));
            if (login != 200) {
                return new Outcome(login, assignee(task) != null);
            }
        }
        int claim = tasklist.post(
                        "/camunda/api/engine/engine/default/task/" + task.getId() + "/claim",
                        "{\"userId\":\"" + (caller == Caller.ANONYMOUS ? "nobody" : user(caller)) + "\"}")
                .status();
        return new Outcome(claim, assignee(task) != null);
    }

    private Outcome logInToAdmin(Caller caller) {
        WebappSession admin = new WebappSession(port);
        int login = caller == Caller.ANONYMOUS
                ? admin.login("admin", "", "")
                : admin.login("admin", user(caller), password(caller));
        return new Outcome(login, false);
    }

    private Outcome setUpAdmin(Caller caller) {
        String intruder = "intruder" + Catalog.unique("x").substring(2);
        WebappSession session = new WebappSession(port);
        if (caller != Caller.ANONYMOUS) {
            session.login("admin", user(caller), password(caller));
        }
        int status = session.post("/camunda/api/admin/setup/default/user/create", """
                {"profile":{"id":"%s","firstName":"I","lastName":"I","email":"i@example.com"},
                 "credentials":{"password":"intruder-password-123"}}""".formatted(intruder))
                .status();
        return new Outcome(
                status,
                processEngine
                                .getIdentityService()
                                .createUserQuery()
                                .userId(intruder)
                                .count()
                        > 0);
    }

    private Outcome bounce(Caller caller, String messageId) {
        int status = as(caller)
                .post("/api/notifications/bounces", Map.of("messageId", messageId, "reason", "test"))
                .status();
        return new Outcome(
                status,
                catalog.count(
                                "select count(*) from communication where message_id = ? and state = 'BOUNCED'",
                                messageId)
                        > 0);
    }

    private Outcome forgeDecision(Caller caller, String link, String caseId) {
        int before = decisions(caseId);
        int status = as(caller)
                .exchange(HttpMethod.POST, link, "choice=cancel", MediaType.APPLICATION_FORM_URLENCODED)
                .status();
        return new Outcome(status, decisions(caseId) != before);
    }

    private Outcome prioritize(Caller caller, String caseId) {
        int priority = caller.ordinal() + 1;
        int status = as(caller)
                .put("/api/backorders/" + caseId + "/priority", Map.of("priority", priority))
                .status();
        return new Outcome(status, api.backorder(caseId).path("priority").asInt() == priority);
    }

    private Outcome issueKey(Caller caller) {
        String system = "matrix" + Catalog.unique("k").substring(2);
        var user = processEngine.getIdentityService().newUser(system);
        user.setPassword(UUID.randomUUID().toString());
        processEngine.getIdentityService().saveUser(user);
        processEngine.getIdentityService().createMembership(system, "ordersystems");
        int status =
                as(caller).post("/api/admin/api-keys", Map.of("userId", system)).status();
        return new Outcome(status, catalog.count("select count(*) from api_key where user_id = ?", system) > 0);
    }

    /** A paused subscriber, registered by the administrator, for the calls that need one. */
    private String subscriber() {
        return api.as(TestUsers.ADMIN)
                .post(
                        "/api/admin/webhooks",
                        Map.of(
                                "url",
                                "http://127.0.0.1:9/hooks",
                                "description",
                                Catalog.unique("matrix"),
                                "active",
                                false))
                .body()
                .path("subscriber")
                .path("subscriberId")
                .asText();
    }

    private Outcome changeSubscriber(Caller caller) {
        String id = subscriber();
        int status = as(caller)
                .put(
                        "/api/admin/webhooks/" + id,
                        Map.of("url", "http://127.0.0.1:9/other", "description", "changed", "active", false))
                .status();
        boolean changed = catalog.count(
                        "select count(*) from webhook_subscriber where subscriber_id = ? and url like '%other'", id)
                > 0;
        api.as(TestUsers.ADMIN).delete("/api/admin/webhooks/" + id);
        return new Outcome(status, changed);
    }

    private Outcome removeSubscriber(Caller caller) {
        String id = subscriber();
        int status = as(caller).delete("/api/admin/webhooks/" + id).status();
        boolean removed = catalog.count("select count(*) from webhook_subscriber where subscriber_id = ?", id) == 0;
        api.as(TestUsers.ADMIN).delete("/api/admin/webhooks/" + id);
        return new Outcome(status, removed);
    }

    private Outcome subscribe(Caller caller) {
        String description = Catalog.unique("matrix");
        Api.Response answer = as(caller)
                .post(
                        "/api/admin/webhooks",
                        Map.of("url", "http://127.0.0.1:9/hooks", "description", description, "active", false));
        boolean created =
                catalog.count("select count(*) from webhook_subscriber where description = ?", description) > 0;
        if (answer.status() == 201) {
            api.as(TestUsers.ADMIN)
                    .delete("/api/admin/webhooks/"
                            + answer.body()
                                    .path("subscriber")
                                    .path("subscriberId")
                                    .asText());
        }
        return new Outcome(answer.status(), created);
    }

    private Outcome startInWebapp(Caller caller) {
        String orderId = Catalog.unique("SEC");
        WebappSession session = new WebappSession(port);
        int login = logInToWebapp(session, caller);
        if (login != 200) {
            return new Outcome(login, false);
        }
        String body = """
                {"businessKey": "%1$s-1", "variables": {"orderId": {"value": "%1$s"}, "lineId": {"value": "1"},
                 "sku": {"value": "%2$s"}, "quantityShort": {"value": 1, "type": "Integer"}, "customerId": {"value": "C"},
                 "customerName": {"value": "N"}, "customerEmail": {"value": "n@example.com"}, "customerTier": {"value": "STANDARD"}}}""".formatted(orderId, catalog.product(0));
        int status = session.post("/camunda/api/engine/engine/default/process-definition/key/backorder/start", body)
                .status();
        return new Outcome(status, started(orderId + "-1"));
    }

    private Outcome deployInWebapp(Caller caller) {
        String key = "securityProbe";
        deploy(Caller.ADMIN); // makes sure the key exists, as an administrator introduced it
        WebappSession session = new WebappSession(port);
        int login = logInToWebapp(session, caller);
        if (login != 200) {
            return new Outcome(login, false);
        }
        String name = Catalog.unique("security-probe");
        int status = session.postFiles(
                        "/camunda/api/engine/engine/default/deployment/create",
                        Map.of("deployment-name", name),
                        Map.of(key + ".bpmn", """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="probe">
                          <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D"><startEvent id="StartEvent_Probe"/></process>
                        </definitions>""".formatted(key)))
                .status();
        var repository = processEngine.getRepositoryService();
        var deployments =
                repository.createDeploymentQuery().deploymentName(name).list();
        deployments.forEach(d -> repository.deleteDeployment(d.getId(), true));
        return new Outcome(status, !deployments.isEmpty());
    }

    private Outcome completeWithExtraField(Caller caller) {
        Task task = reviewTask();
        WebappSession session = new WebappSession(port);
        int login = logInToWebapp(session, caller);
        if (login != 200) {
            return new Outcome(login, false);
        }
        int status = session.post(
                        "/camunda/api/engine/engine/default/task/" + task.getId() + "/submit-form",
                        "{\"variables\": {\"discountPercent\": {\"value\": 5}, \"caseId\": {\"value\": \"SOMEONE-1\"}}}")
                .status();
        return new Outcome(
                status,
                processEngine
                                .getTaskService()
                                .createTaskQuery()
                                .taskId(task.getId())
                                .count()
                        == 0);
    }

    /** Camunda's own login, into the app the caller's role uses; 200 when logged in. Anonymous callers stay out. */
    private int logInToWebapp(WebappSession session, Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> 200;
            case ANALYST, ADMIN -> session.login("cockpit", user(caller), password(caller));
            default -> session.login("tasklist", user(caller), password(caller));
        };
    }

    // -- helpers -----------------------------------------------------------------------------------

    /** The path of the decision link in the case's first email. */
    private String decisionLink(String caseId) {
        await().until(() -> api.backorder(caseId).path("emails").size() == 1);
        String email =
                api.backorder(caseId).path("emails").get(0).path("recipient").asText();
        var matcher = Pattern.compile("/customer/decisions/[A-Za-z0-9_-]+")
                .matcher(Mailbox.text(Mailbox.awaitCount(SMTP, email, 1).get(0)));
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }

    private Api as(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> api.anonymous();
            default -> api.withCredentials(user(caller), password(caller));
        };
    }

    private static String user(Caller caller) {
        return switch (caller) {
            case ANONYMOUS -> "";
            case WRONG_PASSWORD -> TestUsers.LOCKED_OUT;
            case AGENT -> TestUsers.AGENT;
            case SUPERVISOR -> TestUsers.SUPERVISOR;
            case ANALYST -> TestUsers.ANALYST;
            case ORDER_SYSTEM -> TestUsers.SHOP;
            case ADMIN -> TestUsers.ADMIN;
        };
    }

    private static String password(Caller caller) {
        return caller == Caller.WRONG_PASSWORD ? "not-the-password" : TestUsers.password(user(caller));
    }

    private Task reviewTask() {
        String orderId = Catalog.unique("SEC");
        api.placeOrder(orderId, "GOLD", new Api.Line("1", catalog.product("Test", "20.00", 0, 20), 1));
        await().until(() -> processEngine
                        .getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(orderId + "-1")
                        .count()
                == 1);
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceBusinessKey(orderId + "-1")
                .singleResult();
    }

    private String assignee(Task task) {
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .taskId(task.getId())
                .singleResult()
                .getAssignee();
    }

    private int decisions(String caseId) {
        return catalog.count("select count(*) from case_decision where case_id = ?", caseId);
    }

    /** Whether a process ran for the business key, however short-lived. */
    private boolean started(String businessKey) {
        return processEngine
                        .getHistoryService()
                        .createHistoricProcessInstanceQuery()
                        .processInstanceBusinessKey(businessKey)
                        .count()
                > 0;
    }
}
