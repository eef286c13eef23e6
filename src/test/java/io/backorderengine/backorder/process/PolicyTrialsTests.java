package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * An analyst tries a changed table before deploying it: against chosen inputs and over the latest cases,
 * beside the deployed table; the answer says which rule decided and what would change. Trying deploys,
 * stores and sends nothing; what a deployment would refuse, a trial refuses too.
 */
class PolicyTrialsTests extends ApplicationTest {

    private static final String SHORTER_GOLD_WAIT;

    static {
        try {
            SHORTER_GOLD_WAIT = Files.readString(Path.of("processes", "waiting-policy.dmn"))
                    .replace("<text>\"P14D\"</text>", "<text>\"P10D\"</text>");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChangedTableIsComparedWithTheDeployedOneForGivenInputsAndTheLatestCases() {
        String sku = catalog.product(0);
        String gold = placedCase("TRY", "GOLD", sku, 1);
        String standard = placedCase("TRY", "STANDARD", sku, 1);
        String goldAgain = placedCase("TRY", "GOLD", sku, 1);
        int deployedVersions = versions("waiting-policy");

        Api.Response trial = analyst()
                .post(
                        "/api/policies/waiting-policy/evaluate",
                        Map.of(
                                "dmn",
                                SHORTER_GOLD_WAIT,
                                "inputs",
                                List.of(Map.of("customerTier", "GOLD"), Map.of("customerTier", "STANDARD")),
                                "replayLast",
                                3));

        assertThat(trial.status()).as(trial.body().toString()).isEqualTo(200);
        JsonNode body = trial.body();
        assertThat(body.path("tried").asText()).isEqualTo("uploaded table");
        assertThat(body.path("deployed").asText()).startsWith("deployed version ");
        JsonNode goldEvaluation = body.path("evaluations").get(0);
        assertThat(goldEvaluation.path("changed").asBoolean()).isTrue();
        assertThat(goldEvaluation.path("tried").path("rule").asText()).isEqualTo("Rule_Gold");
        assertThat(goldEvaluation.path("tried").path("description").asText()).startsWith("Gold customers");
        assertThat(goldEvaluation.path("tried").path("outputs").path("maxWait").asText())
                .isEqualTo("P10D");
        assertThat(goldEvaluation
                        .path("deployed")
                        .path("outputs")
                        .path("maxWait")
                        .asText())
                .isEqualTo("P14D");
        assertThat(body.path("evaluations").get(1).path("changed").asBoolean()).isFalse();
        JsonNode replay = body.path("replay");
        assertThat(replay.path("cases").asInt()).isEqualTo(3);
        assertThat(replay.path("changed").asInt()).isEqualTo(2);
        JsonNode change = replay.path("changes").get(0);
        assertThat(change.path("from").path("maxWait").asText()).isEqualTo("P14D");
        assertThat(change.path("to").path("maxWait").asText()).isEqualTo("P10D");
        assertThat(change.path("count").asInt()).isEqualTo(2);
        assertThat(change.path("examples").findValuesAsText("")).isEmpty();
        assertThat(List.of(
                        change.path("examples").get(0).asText(),
                        change.path("examples").get(1).asText()))
                .containsExactlyInAnyOrder(gold, goldAgain)
                .doesNotContain(standard);
        assertThat(versions("waiting-policy")).isEqualTo(deployedVersions);
    }

    @Test
    void theDeployedTableAnswersWhenNoneIsUploaded() {
        Api.Response trial = analyst()
                .post(
                        "/api/policies/date-change-policy/evaluate",
                        Map.of("inputs", List.of(Map.of("daysMoved", -3, "customerTier", "SILVER"))));

        assertThat(trial.status()).isEqualTo(200);
        JsonNode evaluation = trial.body().path("evaluations").get(0);
        assertThat(trial.body().path("tried").asText())
                .isEqualTo(trial.body().path("deployed").asText());
        assertThat(evaluation.path("tried").path("rule").asText()).isEqualTo("Rule_Earlier");
        assertThat(evaluation
                        .path("tried")
                        .path("outputs")
                        .path("emailCustomer")
                        .asBoolean())
                .isTrue();
        assertThat(evaluation.path("changed").asBoolean()).isFalse();
    }

    @Test
    void whatADeploymentWouldRefuseATrialRefusesNamingTheField() {
        String typo = SHORTER_GOLD_WAIT.replace("<text>\"P10D\"</text>", "<text>\"ten days\"</text>");
        String external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";

        assertRefused("waiting-policy", Map.of("dmn", typo, "replayLast", 1), "dmn", "says \"ten days\"");
        assertRefused("waiting-policy", Map.of("dmn", external, "replayLast", 1), "dmn", "without a DOCTYPE");
        assertRefused(
                "waiting-policy",
                Map.of("dmn", SHORTER_GOLD_WAIT.replace("id=\"waiting-policy\"", "id=\"waiting\""), "replayLast", 1),
                "dmn",
                "no decision table with the id 'waiting-policy'");
        assertRefused(
                "waiting-policy",
                Map.of("inputs", List.of(Map.of("tier", "GOLD"))),
                "inputs[0].tier",
                "it reads [customerTier]");
        assertRefused(
                "waiting-policy",
                Map.of("inputs", List.of(Map.of("customerTier", Map.of("nested", 1)))),
                "inputs[0].customerTier",
                "a text");
        assertRefused("waiting-policy", Map.of(), "inputs", "give inputs");
        assertRefused("waiting-policy", Map.of("replayLast", 5000), "replayLast", "from 1 to 1000");
        Api.Response unknown = analyst().post("/api/policies/discounts/evaluate", Map.of("replayLast", 1));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("detail").asText()).contains("waiting-policy");
    }

    private void assertRefused(String key, Map<String, Object> request, String field, String words) {
        Api.Response refused = analyst().post("/api/policies/" + key + "/evaluate", request);
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
        assertThat(refused.body().path("errors").get(0).path("message").asText())
                .contains(words);
        assertThat(refused.body().toString()).doesNotContain("org.camunda");
    }

    private Api analyst() {
        return api.as(TestUsers.ANALYST);
    }

    private int versions(String key) {
        return (int) processEngine
                .getRepositoryService()
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(key)
                .count();
    }
}
