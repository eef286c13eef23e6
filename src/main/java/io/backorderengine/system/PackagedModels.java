package io.backorderengine.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.ResourceDefinition;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models packaged in this jar ({@code processes/}, {@code forms/}) when the engine starts,
 * under one source-of-truth rule: <em>the newest deployed version runs</em>, and a start never makes an
 * older model newer than what analysts deployed.
 *
 * <ul>
 *   <li>The packaged set is deployed as one deployment named after a fingerprint of its contents, only
 *       when it differs from the last packaged deployment (a release that changed a model).
 *   <li>A set that was deployed before and is no longer the last (a node of an older release starting
 *       after a newer one) is not deployed again.
 *   <li>A changed set is held back while an analyst's deployment is the newest version of any process or
 *       decision in it, and the start-up log says which; {@code backorder.models.on-conflict=deploy-packaged}
 *       deploys it anyway (after the release's changes were brought into the analysts' models, or on purpose).
 * </ul>
 *
 * <p>Replaces the engine's auto-deployment, which redeploys every packaged model whenever one changed and so
 * would put a release's copy of a table over an analyst's newer one. Runs while the engine is built, under
 * the start-up lock, so nodes starting together deploy once.
 */
@Component
class PackagedModels extends AbstractProcessEnginePlugin {

    static final String SOURCE = "backorder-engine packaged models";
    static final String NAME_PREFIX = "backorder-engine ";
    /** What the engine's own auto-deployment called the packaged models before this class did it. */
    private static final String EARLIER_NAME = "SpringAutoDeployment";

    private static final List<String> PATTERNS =
            List.of("classpath*:processes/**/*.bpmn", "classpath*:processes/**/*.dmn", "classpath*:forms/**/*.form");
    private static final Logger log = LoggerFactory.getLogger(PackagedModels.class);

    enum Outcome {
        /** the packaged set was deployed */
        DEPLOYED,
        /** the last packaged deployment holds this very set */
        UNCHANGED,
        /** this set was deployed before a newer packaged set: an older release */
        OLDER_RELEASE,
        /** analysts deployed newer versions of some of its models; nothing deployed */
        HELD_BACK
    }

    /**
     * @param newerDeployed the processes and decisions whose newest version an analyst deployed
     */
    record Result(Outcome outcome, String deploymentName, List<String> newerDeployed) {}

    private final SystemSettings.Models settings;

    PackagedModels(SystemSettings settings) {
        this.settings = settings.models();
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        deploy(engine.getRepositoryService(), packaged());
    }

    /** Deploys the given packaged set (resource name to content) by the rule above. */
    Result deploy(RepositoryService repository, Map<String, byte[]> resources) {
        String name = NAME_PREFIX + fingerprint(resources);
        List<Deployment> lastPackaged = repository
                .createDeploymentQuery()
                .deploymentSource(SOURCE)
                .orderByDeploymentTime()
                .desc()
                .listPage(0, 1);
        if (!lastPackaged.isEmpty() && lastPackaged.get(0).getName().equals(name)) {
            log.info("Packaged models unchanged: '{}' is deployed", name);
            return new Result(Outcome.UNCHANGED, name, List.of());
        }
        if (repository.createDeploymentQuery().deploymentName(name).count() > 0) {
            log.warn(
                    "Packaged models '{}' are older than '{}', which a node of a newer release deployed; not deployed again",
                    name,
                    lastPackaged.get(0).getName());
            return new Result(Outcome.OLDER_RELEASE, name, List.of());
        }
        List<String> newer = newerDeployed(repository, resources);
        if (!newer.isEmpty() && settings.onConflict() == SystemSettings.OnConflict.KEEP_DEPLOYED) {
            log.warn(
                    "This release's models were NOT deployed: analysts deployed newer versions of {}. They keep running;"
                            + " bring the release's changes into those models and deploy them, or start once with"
                            + " backorder.models.on-conflict=deploy-packaged to put the packaged versions over them",
                    newer);
            return new Result(Outcome.HELD_BACK, name, newer);
        }
        DeploymentBuilder deployment = repository.createDeployment().name(name).source(SOURCE);
        resources.forEach(
                (resource, content) -> deployment.addInputStream(resource, new ByteArrayInputStream(content)));
        deployment.deploy();
        if (newer.isEmpty()) {
            log.info("Packaged models deployed as '{}'", name);
        } else {
            log.warn("Packaged models deployed as '{}' over the newer versions analysts deployed of {}", name, newer);
        }
        return new Result(Outcome.DEPLOYED, name, newer);
    }

    /** The models of the set whose newest deployed version did not come from a packaged deployment. */
    private static List<String> newerDeployed(RepositoryService repository, Map<String, byte[]> resources) {
        Set<String> processes = new TreeSet<>();
        Set<String> decisions = new TreeSet<>();
        resources.forEach((resource, content) -> {
            if (resource.endsWith(".bpmn")) {
                Bpmn.readModelFromStream(new ByteArrayInputStream(content))
                        .getModelElementsByType(Process.class)
                        .forEach(p -> processes.add(p.getId()));
            } else if (resource.endsWith(".dmn")) {
                Dmn.readModelFromStream(new ByteArrayInputStream(content))
                        .getModelElementsByType(Decision.class)
                        .forEach(d -> decisions.add(d.getId()));
            }
        });
        List<String> newer = new ArrayList<>();
        for (String key : processes) {
            var latest = repository
                    .createProcessDefinitionQuery()
                    .processDefinitionKey(key)
                    .latestVersion()
                    .singleResult();
            describeIfDeployedByOthers(repository, "process", latest).ifPresent(newer::add);
        }
        for (String key : decisions) {
            var latest = repository
                    .createDecisionDefinitionQuery()
                    .decisionDefinitionKey(key)
                    .latestVersion()
                    .singleResult();
            describeIfDeployedByOthers(repository, "decision", latest).ifPresent(newer::add);
        }
        return newer;
    }

    private static Optional<String> describeIfDeployedByOthers(
            RepositoryService repository, String kind, ResourceDefinition latest) {
        if (latest == null) {
            return Optional.empty();
        }
        Deployment deployment = repository
                .createDeploymentQuery()
                .deploymentId(latest.getDeploymentId())
                .singleResult();
        if (SOURCE.equals(deployment.getSource()) || EARLIER_NAME.equals(deployment.getName())) {
            return Optional.empty();
        }
        return Optional.of("%s '%s' version %d (deployment '%s' of %s)"
                .formatted(
                        kind,
                        latest.getKey(),
                        latest.getVersion(),
                        deployment.getName(),
                        deployment.getDeploymentTime()));
    }

    /** The packaged models, by their path in the jar ({@code processes/backorder.bpmn}). */
    static Map<String, byte[]> packaged() {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        Map<String, byte[]> resources = new TreeMap<>();
        try {
            for (String pattern : PATTERNS) {
                for (Resource resource : resolver.getResources(pattern)) {
                    try (InputStream in = resource.getInputStream()) {
                        resources.put(pathOf(resource), in.readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged models", e);
        }
        return resources;
    }

    private static String pathOf(Resource resource) throws IOException {
        String url = resource.getURL().toString();
        int at = Math.max(url.lastIndexOf("/processes/"), url.lastIndexOf("/forms/"));
        return at < 0 ? Objects.requireNonNull(resource.getFilename()) : url.substring(at + 1);
    }

    /** The same contents under the same names give the same fingerprint, on every node. */
    static String fingerprint(Map<String, byte[]> resources) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(resources).forEach((name, content) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(content);
                digest.update((byte) 0);
            });
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
