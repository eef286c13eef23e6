package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The source-of-truth rule for models: the newest deployed version runs, and a start (the same jar again, a
 * new release, or an older node) never silently puts a packaged model over a newer one an analyst deployed.
 * Each "start" here is the very step a node takes while its engine is built, on the shared engine.
 */
class PackagedModelsTests extends ApplicationTest {

    @Autowired
    PackagedModels packagedModels;

    @Autowired
    SystemSettings settings;

    private final List<String> made = new ArrayList<>();

    @AfterEach
    void removeWhatTheTestDeployed() {
        made.forEach(id -> repository().deleteDeployment(id, true, true));
    }

    @Test
    void theApplicationDeployedItsPackagedModelsAndARestartKeepsAnAnalystsNewerTable() throws IOException {
        String analysts = analystDeploysAChangedWaitingPolicy();

        PackagedModels.Result restart = packagedModels.deploy(repository(), PackagedModels.packaged());

        assertThat(restart.outcome()).isEqualTo(PackagedModels.Outcome.UNCHANGED);
        assertThat(repository()
                        .createDeploymentQuery()
                        .deploymentName(restart.deploymentName())
                        .singleResult()
                        .getSource())
                .isEqualTo(PackagedModels.SOURCE);
        assertThat(latestWaitingPolicyDeployment()).isEqualTo(analysts);
    }

    @Test
    void aReleaseThatChangedAModelIsHeldBackWhileAnAnalystsVersionIsNewer() throws IOException {
        String analysts = analystDeploysAChangedWaitingPolicy();

        PackagedModels.Result release = packagedModels.deploy(repository(), aNewRelease());

        assertThat(release.outcome()).isEqualTo(PackagedModels.Outcome.HELD_BACK);
        assertThat(release.newerDeployed()).singleElement().asString().startsWith("decision 'waiting-policy' version");
        assertThat(repository()
                        .createDeploymentQuery()
                        .deploymentName(release.deploymentName())
                        .count())
                .isZero();
        assertThat(latestWaitingPolicyDeployment()).isEqualTo(analysts);
    }

    @Test
    void anOperatorMayPutTheReleaseOverTheAnalystsVersionsOnPurpose() throws IOException {
        analystDeploysAChangedWaitingPolicy();
        PackagedModels overriding = new PackagedModels(new SystemSettings(
                settings.nodeName(),
                settings.http(),
                settings.api(),
                settings.security(),
                settings.demo(),
                settings.h2(),
                new SystemSettings.Models(SystemSettings.OnConflict.DEPLOY_PACKAGED)));

        PackagedModels.Result release = overriding.deploy(repository(), aNewRelease());

        assertThat(release.outcome()).isEqualTo(PackagedModels.Outcome.DEPLOYED);
        String deployed = deploymentOf(release);
        made.add(deployed);
        assertThat(latestWaitingPolicyDeployment()).isEqualTo(deployed);
    }

    @Test
    void aNodeOfAnOlderReleaseStartingAfterANewerOneDeploysNothing() throws IOException {
        PackagedModels.Result newer = packagedModels.deploy(repository(), aNewRelease());
        assertThat(newer.outcome()).isEqualTo(PackagedModels.Outcome.DEPLOYED);
        String deployed = deploymentOf(newer);
        made.add(deployed);

        PackagedModels.Result older = packagedModels.deploy(repository(), PackagedModels.packaged());

        assertThat(older.outcome()).isEqualTo(PackagedModels.Outcome.OLDER_RELEASE);
        assertThat(latestWaitingPolicyDeployment()).isEqualTo(deployed);
        List<Deployment> packaged = repository()
                .createDeploymentQuery()
                .deploymentSource(PackagedModels.SOURCE)
                .orderByDeploymentTime()
                .desc()
                .list();
        assertThat(packaged.get(0).getId()).isEqualTo(deployed);
    }

    @Test
    void anInstallationUpgradedFromTheEnginesAutoDeploymentTakesTheReleaseAsPackaged() {
        // what the engine's own auto-deployment left behind in an installation of an earlier version
        var earlier = repository().createDeployment().name("SpringAutoDeployment");
        PackagedModels.packaged()
                .forEach((name, content) -> earlier.addString(name, new String(content, StandardCharsets.UTF_8)));
        made.add(earlier.deploy().getId());

        PackagedModels.Result release = packagedModels.deploy(repository(), aNewRelease());

        assertThat(release.outcome()).isEqualTo(PackagedModels.Outcome.DEPLOYED);
        assertThat(release.newerDeployed()).isEmpty();
        String deployed = deploymentOf(release);
        made.add(deployed);
        assertThat(latestWaitingPolicyDeployment()).isEqualTo(deployed);
    }

    /** The packaged set as a later release would bring it: one table's wording changed. */
    private static Map<String, byte[]> aNewRelease() {
        Map<String, byte[]> release = new TreeMap<>(PackagedModels.packaged());
        String escalation = new String(release.get("processes/escalation-policy.dmn"), StandardCharsets.UTF_8);
        release.put(
                "processes/escalation-policy.dmn",
                escalation
                        .replace("First matching rule wins.", "First matching rule wins (release 2).")
                        .getBytes(StandardCharsets.UTF_8));
        return release;
    }

    private String analystDeploysAChangedWaitingPolicy() throws IOException {
        String xml =
                Files.readString(Path.of("processes", "waiting-policy.dmn")).replace("\"P21D\"", "\"P28D\"");
        Api.Response response =
                api.as(TestUsers.ANALYST).deploy(Catalog.unique("analyst"), Map.of("waiting-policy.dmn", xml));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        String id = response.body().path("id").asText();
        made.add(id);
        return id;
    }

    private String latestWaitingPolicyDeployment() {
        return repository()
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey("waiting-policy")
                .latestVersion()
                .singleResult()
                .getDeploymentId();
    }

    private String deploymentOf(PackagedModels.Result result) {
        return repository()
                .createDeploymentQuery()
                .deploymentName(result.deploymentName())
                .singleResult()
                .getId();
    }

    private RepositoryService repository() {
        return processEngine.getRepositoryService();
    }
}
