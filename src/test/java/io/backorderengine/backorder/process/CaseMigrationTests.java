package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Moving running cases to a new version of the lifecycle, the way the README tells analysts to: deploy the
 * new version with its forms, have the engine generate and validate a plan, execute it as a batch. The case
 * goes on in the new version to its end. What a plan may not carry is refused, naming the field.
 */
class CaseMigrationTests extends ApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> deployments = new ArrayList<>();
    private String source;
    private String target;

    /** An analyst deploys a new version of the lifecycle with its forms, as Camunda Modeler does. */
    private void anAnalystDeploysANewVersion() throws IOException {
        source = latestBackorderDefinition();
        Map<String, String> files = new HashMap<>();
        files.put(
                "backorder.bpmn",
                Files.readString(Path.of("processes", "backorder.bpmn"))
                        .replace("name=\"Send status reminder\"", "name=\"Send a status reminder\""));
        try (Stream<Path> forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.toList()) {
                files.put(form.getFileName().toString(), Files.readString(form));
            }
        }
        Api.Response deployed = api.as(TestUsers.ANALYST).deploy(Catalog.unique("lifecycle"), files);
        assertThat(deployed.status()).as(deployed.body().toString()).isEqualTo(200);
        deployments.add(deployed.body().path("id").asText());
        target = latestBackorderDefinition();
        assertThat(target).isNotEqualTo(source);
    }

    @AfterEach
    void removeWhatTheTestDeployed() {
        deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true, true));
    }

    @Test
    void aWaitingCaseMovesToTheNewVersionByAValidatedPlanAndGoesOnToItsEnd() throws IOException {
        String sku = catalog.product(0);
        String caseId = waitingCase(sku, 1);
        anAnalystDeploysANewVersion();
        Api analyst = api.as(TestUsers.ANALYST);

        Api.Response plan = analyst.post(
                "/engine-rest/migration/generate",
                Map.of(
                        "sourceProcessDefinitionId",
                        source,
                        "targetProcessDefinitionId",
                        target,
                        "updateEventTriggers",
                        true));
        Api.Response validation = analyst.post("/engine-rest/migration/validate", plan.body());
        Api.Response batch = analyst.post(
                "/engine-rest/migration/executeAsync",
                Map.of("migrationPlan", plan.body(), "processInstanceIds", List.of(instanceId(caseId))));

        assertThat(plan.status()).as(plan.body().toString()).isEqualTo(200);
        assertThat(validation.status()).isEqualTo(200);
        assertThat(validation.body().path("instructionReports"))
                .as(validation.body().toString())
                .isEmpty();
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(200);
        await().until(() -> definitionOf(caseId).equals(target));
        assertThat(processEngine
                        .getRuntimeService()
                        .createIncidentQuery()
                        .processInstanceId(instanceId(caseId))
                        .count())
                .isZero();

        api.receive(Catalog.unique("RCPT"), sku, 1);

        await().until(() -> api.status(caseId).equals("FULFILLED"));
        // its last steps (the ship notice) run on the new version: done before the version is removed
        awaitProcessEnded(caseId);
    }

    @Test
    void aPlanThatSetsVariablesOrSkipsListenersOrChangesProcessIsRefused() throws IOException {
        String caseId = waitingCase(catalog.product(0), 1);
        anAnalystDeploysANewVersion();
        Api analyst = api.as(TestUsers.ANALYST);
        JsonNode plan = analyst.post(
                        "/engine-rest/migration/generate",
                        Map.of("sourceProcessDefinitionId", source, "targetProcessDefinitionId", target))
                .body();
        Map<String, Object> withVariables = JSON.convertValue(plan, Map.class);
        withVariables.put(
                "variables", Map.of("maxWaitUntil", Map.of("value", "2099-01-01T00:00:00.000+0000", "type", "Date")));

        Api.Response variables = analyst.post(
                "/engine-rest/migration/execute",
                Map.of("migrationPlan", withVariables, "processInstanceIds", List.of(instanceId(caseId))));
        Api.Response skipping = analyst.post(
                "/engine-rest/migration/execute",
                Map.of(
                        "migrationPlan",
                        plan,
                        "processInstanceIds",
                        List.of(instanceId(caseId)),
                        "skipCustomListeners",
                        true));
        Api.Response otherProcess = analyst.post(
                "/engine-rest/migration/generate",
                Map.of("sourceProcessDefinitionId", source, "targetProcessDefinitionId", anotherProcess()));
        List<Integer> othersAnswered = Stream.of(TestUsers.AGENT, TestUsers.SUPERVISOR, TestUsers.SHOP)
                .map(user -> api.as(user)
                        .post(
                                "/engine-rest/migration/execute",
                                Map.of("migrationPlan", plan, "processInstanceIds", List.of(instanceId(caseId))))
                        .status())
                .toList();

        assertThat(variables.status()).isEqualTo(400);
        assertThat(variables.contentType()).startsWith("application/problem+json");
        assertThat(variables.body().toString()).contains("migrationPlan.variables");
        assertThat(skipping.status()).isEqualTo(400);
        assertThat(skipping.body().toString()).contains("skipCustomListeners");
        assertThat(otherProcess.status()).isEqualTo(400);
        assertThat(otherProcess.body().toString()).contains("move only to another version of 'backorder'");
        assertThat(othersAnswered).containsOnly(403);
        assertThat(definitionOf(caseId)).isEqualTo(source);
    }

    /** A process of another key, as an administrator may deploy one. */
    private String anotherProcess() {
        String key = Catalog.unique("other").replace("-", "");
        var deployment = processEngine
                .getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        key + ".bpmn",
                        Bpmn.createExecutableProcess(key)
                                .camundaHistoryTimeToLive(1)
                                .startEvent()
                                .userTask()
                                .endEvent()
                                .done())
                .deployWithResult();
        deployments.add(deployment.getId());
        return deployment.getDeployedProcessDefinitions().get(0).getId();
    }

    private String definitionOf(String caseId) {
        return processEngine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(caseId)
                .singleResult()
                .getProcessDefinitionId();
    }

    private String latestBackorderDefinition() {
        return processEngine
                .getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionKey("backorder")
                .latestVersion()
                .singleResult()
                .getId();
    }
}
