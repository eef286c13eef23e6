package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What Tasklist does with a case's task, through the same engine REST calls it makes: load the
 * deployed Camunda Form and the form variables, then submit the form.
 */
class TaskFormTests extends ApplicationTest {

    @Autowired
    ObjectMapper json;

    @Test
    void aReviewTaskOpensItsFormFromTheDeploymentAndShowsTheCaseFacts() throws Exception {
        Task task = reviewTask("Grace Hopper");

        Task withFormKey = processEngine
                .getTaskService()
                .createTaskQuery()
                .taskId(task.getId())
                .initializeFormKeys()
                .singleResult();
        assertThat(withFormKey.getCamundaFormRef().getKey()).isEqualTo("review-offer");
        assertThat(withFormKey.getCamundaFormRef().getBinding()).isEqualTo("deployment");
        Api.Response form = api.as(TestUsers.ADMIN).get("/engine-rest/task/" + task.getId() + "/deployed-form");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body().path("id").asText()).isEqualTo("review-offer");
        try (InputStream file = getClass().getResourceAsStream("/forms/review-offer.form")) {
            assertThat(form.body()).isEqualTo(json.readTree(file));
        }

        JsonNode variables = api.as(TestUsers.ADMIN)
                .get("/engine-rest/task/" + task.getId() + "/form-variables")
                .body();
        JsonNode snapshot =
                json.readTree(variables.path("caseSnapshot").path("value").asText());
        assertThat(snapshot.path("customer").path("name").asText()).isEqualTo("Grace Hopper");
        assertThat(snapshot.path("quantityShort").asInt()).isEqualTo(2);
        assertThat(snapshot.path("promises").get(0).path("expectedDate").asText())
                .isNotBlank();
        assertThat(variables.path("customerName").path("value").asText()).isEqualTo("Grace Hopper");
        String link = variables.path("caseLink").path("value").asText();
        assertThat(link).endsWith("/api/backorders/" + snapshot.path("caseId").asText());
        assertThat(api.as(TestUsers.AGENT).get(URI.create(link).getPath()).status())
                .isEqualTo(200);
    }

    @Test
    void submittingTheFormMovesTheCaseOn() {
        Task task = reviewTask("Ada");
        String caseId = (String) processEngine.getTaskService().getVariable(task.getId(), "caseId");

        Api.Response submitted = api.as(TestUsers.ADMIN)
                .post(
                        "/engine-rest/task/" + task.getId() + "/submit-form",
                        Map.of("variables", Map.of("discountPercent", Map.of("value", 7, "type", "Integer"))));

        assertThat(submitted.status()).isEqualTo(204);
        await().until(() -> api.backorder(caseId).path("offers").size() == 1);
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("offers").get(0).path("discountPercent").asInt()).isEqualTo(7);
        assertThat(view.path("offers").get(0).path("reviewRequired").asBoolean())
                .isTrue();
        assertThat(view.path("tasks").get(0).path("outcome").asText()).isEqualTo("discount 7%");
        assertThat(view.path("tasks").get(0).path("completedAt").isNull()).isFalse();
    }

    @Test
    void eachKindOfWorkHasATasklistFilterSortedByDueDate() {
        List<Filter> filters =
                processEngine.getFilterService().createTaskFilterQuery().list();

        assertThat(filters)
                .extracting(Filter::getName)
                .contains("My tasks", "Offer reviews", "Customer calls", "Escalations", "Overdue");
        Filter escalations = filters.stream()
                .filter(f -> f.getName().equals("Escalations"))
                .findFirst()
                .orElseThrow();
        TaskQueryImpl query = (TaskQueryImpl) escalations.getQuery();
        assertThat(query.getCandidateGroup()).isEqualTo("supervisors");
        assertThat(query.getKey()).isEqualTo("UserTask_ResolveEscalation");
        assertThat(query.getOrderingProperties().get(0).getQueryProperty().getName())
                .isEqualTo("DUE_DATE_");
    }

    @Test
    void theRoleGroupsExistButOnlyTheDemoProfileCreatesUsers() {
        assertThat(processEngine.getIdentityService().createGroupQuery().list())
                .extracting("id")
                .contains("agents", "supervisors", "analysts", "camunda-admin", "ordersystems");
        assertThat(processEngine
                        .getIdentityService()
                        .createUserQuery()
                        .userIdIn("agent", "supervisor", "analyst", "shop")
                        .count())
                .isZero();
    }

    private Task reviewTask(String customerName) {
        String sku = catalog.product("Test product", "20.00", 0, 20);
        String orderId = Catalog.unique("ORD");
        api.post(
                "/api/orders",
                Api.order(orderId, "GOLD", "c-" + orderId + "@example.com", customerName, new Api.Line("1", sku, 2)));
        return await().until(
                        () -> processEngine
                                .getTaskService()
                                .createTaskQuery()
                                .processInstanceBusinessKey(orderId + "-1")
                                .taskDefinitionKey("UserTask_ReviewOffer")
                                .singleResult(),
                        task -> task != null);
    }
}
