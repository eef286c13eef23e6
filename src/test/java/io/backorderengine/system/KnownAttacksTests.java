package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebappSession;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The payloads of the known holes, sent the way an attacker would: each is refused, nothing is
 * evaluated, nothing changes. The probe expression would write a ledger row if it ever ran.
 */
class KnownAttacksTests extends ApplicationTest {

    private static final String PROBE = "${caseLedger.record('PROBE','EXPRESSION_EVALUATED',null,null)}";
    private static final String OR_QUERY = "{\"orQueries\":[{\"assigneeExpression\":\"" + PROBE + "\"}]}";

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    private String agentsFilter;

    @BeforeEach
    void findFilter() {
        agentsFilter = processEngine
                .getFilterService()
                .createTaskFilterQuery()
                .filterName("Offer reviews")
                .singleResult()
                .getId();
    }

    // -- CVE-2026-109432: expressions in orQueries and in filters ---------------------------------

    @Test
    void anExpressionInOrQueriesThroughEngineRestIsRefused() {
        Api analyst = api.as(TestUsers.ANALYST);

        Api.Response list = analyst.post("/engine-rest/task?maxResults=10", OR_QUERY);
        Api.Response count = analyst.post("/engine-rest/task/count", OR_QUERY);

        assertRefusedExpression(list);
        assertRefusedExpression(count);
        assertProbeNeverRan();
    }

    @Test
    void anExpressionInOrQueriesThroughTasklistsApiIsRefused() {
        WebappSession tasklist = new WebappSession(port);
        assertThat(tasklist.login("tasklist", TestUsers.AGENT, TestUsers.password(TestUsers.AGENT)))
                .isEqualTo(200);

        WebappSession.Response list = tasklist.post("/camunda/api/engine/engine/default/task?maxResults=10", OR_QUERY);
        WebappSession.Response filtered = tasklist.post(
                "/camunda/api/engine/engine/default/filter/" + agentsFilter + "/list?firstResult=0&maxResults=15",
                OR_QUERY);
        WebappSession.Response counted =
                tasklist.post("/camunda/api/engine/engine/default/filter/" + agentsFilter + "/count", OR_QUERY);

        assertThat(list.status()).isEqualTo(400);
        assertThat(list.body()).contains("Expressions are not allowed");
        assertThat(filtered.status()).isEqualTo(400);
        assertThat(counted.status()).isEqualTo(400);
        assertProbeNeverRan();
    }

    @Test
    void aFilterWithAnExpressionCannotBeCreatedOrUpdatedEvenByAnAdmin() {
        Api admin = api.as(TestUsers.ADMIN);
        String name = Catalog.unique("probe-filter");

        Api.Response inQuery = admin.post(
                "/engine-rest/filter/create",
                Map.of("resourceType", "Task", "name", name, "query", Map.of("assigneeExpression", PROBE)));
        Api.Response inOrQuery = admin.post(
                "/engine-rest/filter/create",
                Map.of(
                        "resourceType",
                        "Task",
                        "name",
                        name,
                        "query",
                        Map.of("orQueries", List.of(Map.of("assigneeExpression", PROBE)))));
        Api.Response update = admin.put(
                "/engine-rest/filter/" + agentsFilter,
                Map.of(
                        "resourceType",
                        "Task",
                        "name",
                        "Offer reviews",
                        "query",
                        Map.of("candidateGroup", "agents", "orQueries", List.of(Map.of("assigneeExpression", PROBE)))));
        Api.Response extended = admin.post("/engine-rest/filter/" + agentsFilter + "/list?maxResults=10", OR_QUERY);

        assertThat(inQuery.status()).isEqualTo(400);
        assertThat(inQuery.body().path("message").asText()).contains("Expressions are not allowed");
        assertThat(inOrQuery.status()).isEqualTo(400);
        assertRefusedExpression(update);
        assertRefusedExpression(extended);
        assertThat(processEngine
                        .getFilterService()
                        .createFilterQuery()
                        .filterName(name)
                        .count())
                .isZero();
        assertThat(processEngine
                        .getFilterService()
                        .getFilter(agentsFilter)
                        .getQuery()
                        .toString())
                .doesNotContain("PROBE");
        assertProbeNeverRan();
    }

    @Test
    void aFilterMayAskOnlyWhoIsAskingTheirGroupsAndTheTime() {
        Api admin = api.as(TestUsers.ADMIN);
        Api.Response mine = admin.post(
                "/engine-rest/filter/create",
                Map.of(
                        "resourceType",
                        "Task",
                        "name",
                        Catalog.unique("mine"),
                        "query",
                        Map.of("assigneeExpression", "${currentUser()}", "dueBeforeExpression", "${now()}")));
        Api.Response almost = admin.post(
                "/engine-rest/filter/create",
                Map.of(
                        "resourceType",
                        "Task",
                        "name",
                        Catalog.unique("almost"),
                        "query",
                        Map.of("assigneeExpression", "${currentUser() == 'x' ? 'a' : 'b'}")));

        assertThat(mine.status()).as(mine.body().toString()).isEqualTo(200);
        assertThat(almost.status()).isEqualTo(400);
        assertThat(admin.delete("/engine-rest/filter/" + mine.body().path("id").asText())
                        .status())
                .isEqualTo(204);
    }

    @Test
    void onlyAdminsMayCreateFilters() {
        WebappSession tasklist = new WebappSession(port);
        tasklist.login("tasklist", TestUsers.SUPERVISOR, TestUsers.password(TestUsers.SUPERVISOR));
        String name = Catalog.unique("my-filter");

        WebappSession.Response create = tasklist.post(
                "/camunda/api/engine/engine/default/filter/create",
                "{\"resourceType\":\"Task\",\"name\":\"" + name + "\",\"query\":{}}");

        assertThat(create.status()).isEqualTo(403);
        assertThat(processEngine
                        .getFilterService()
                        .createFilterQuery()
                        .filterName(name)
                        .count())
                .isZero();
    }

    // -- task access -------------------------------------------------------------------------------

    @Test
    void anAgentCannotSeeOrClaimAnotherGroupsTask() {
        Task escalation = escalationTask();
        WebappSession tasklist = new WebappSession(port);
        tasklist.login("tasklist", TestUsers.AGENT, TestUsers.password(TestUsers.AGENT));

        WebappSession.Response claim = tasklist.post(
                "/camunda/api/engine/engine/default/task/" + escalation.getId() + "/claim",
                "{\"userId\":\"" + TestUsers.AGENT + "\"}");
        WebappSession.Response read = tasklist.get("/camunda/api/engine/engine/default/task/" + escalation.getId());

        assertThat(claim.status()).isEqualTo(403);
        assertThat(read.status()).as("the task is not even visible").isEqualTo(404);
        assertThat(processEngine
                        .getTaskService()
                        .createTaskQuery()
                        .taskId(escalation.getId())
                        .singleResult()
                        .getAssignee())
                .isNull();
    }

    // -- limits and data that must stay data -------------------------------------------------------

    @Test
    void aQueryForABillionRowsIsRefused() {
        Api.Response huge = api.as(TestUsers.ADMIN).get("/engine-rest/task?firstResult=0&maxResults=1000000000");

        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().path("message").asText()).contains("Max results limit");
    }

    @Test
    void aJavaSerializedVariableIsRefused() {
        String orderId = Catalog.unique("ORD");
        api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1));
        String instance = instanceId(orderId + "-1");

        Api.Response put = api.as(TestUsers.ADMIN)
                .put(
                        "/engine-rest/process-instance/" + instance + "/variables/payload",
                        Map.of(
                                "value",
                                "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==",
                                "type",
                                "Object",
                                "valueInfo",
                                Map.of(
                                        "objectTypeName",
                                        "java.util.ArrayList",
                                        "serializationDataFormat",
                                        "application/x-java-serialized-object")));

        assertThat(put.status()).isEqualTo(400);
        assertThat(put.body().path("message").asText()).containsIgnoringCase("serializ");
        assertThat(processEngine.getRuntimeService().getVariable(instance, "payload"))
                .isNull();
    }

    @Test
    void markupAndExpressionsInACustomerNameStayText() throws Exception {
        String name = "<script>alert('x')</script> " + PROBE;
        String orderId = Catalog.unique("ORD");
        String email = "evil-" + orderId + "@example.com";
        api.post(
                "/api/orders",
                Api.order(orderId, "GOLD", email, name, new Api.Line("1", catalog.product("Test", "20.00", 0, 20), 1)));
        Task review = awaitTask(orderId + "-1");

        JsonNode formVariables = api.as(TestUsers.ADMIN)
                .get("/engine-rest/task/" + review.getId() + "/form-variables")
                .body();
        processEngine.getTaskService().complete(review.getId(), Map.of("discountPercent", 5));
        MimeMessage notice = Mailbox.awaitSubject(SMTP, email, "is on backorder");

        assertThat(formVariables.path("customerName").path("value").asText()).isEqualTo(name);
        assertThat(json.readTree(
                                formVariables.path("caseSnapshot").path("value").asText())
                        .path("customer")
                        .path("name")
                        .asText())
                .isEqualTo(name);
        assertThat(Mailbox.text(notice)).contains("Hello " + name);
        assertThat(Mailbox.html(notice))
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain("<script>");
        assertProbeNeverRan();
    }

    @Test
    void responsesCarrySecurityHeaders() {
        Api.Response apiResponse = api.get("/api/backorders/NONE-1");
        WebappSession tasklist = new WebappSession(port);

        assertThat(apiResponse.headers().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(apiResponse.headers().getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(apiResponse.headers().getCacheControl()).contains("no-store");
        assertThat(tasklist.headers("/camunda/app/tasklist/default/").firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
    }

    // -- helpers -----------------------------------------------------------------------------------

    private void assertRefusedExpression(Api.Response response) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("message").asText()).contains("Expressions are not allowed");
    }

    private void assertProbeNeverRan() {
        assertThat(catalog.count("select count(*) from case_ledger where kind = 'EXPRESSION_EVALUATED'"))
                .isZero();
    }

    private Task escalationTask() {
        String orderId = Catalog.unique("ORD");
        api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1));
        String instance = instanceId(orderId + "-1");
        await().until(() -> processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId("Event_MaxWaitReached")
                        .count()
                == 1);
        processEngine
                .getManagementService()
                .executeJob(processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .activityId("Event_MaxWaitReached")
                        .singleResult()
                        .getId());
        return processEngine
                .getTaskService()
                .createTaskQuery()
                .processInstanceId(instance)
                .singleResult();
    }
}
