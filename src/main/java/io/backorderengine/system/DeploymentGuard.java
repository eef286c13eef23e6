package io.backorderengine.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks what a non-administrator deploys before the engine accepts it, for every way in (Camunda
 * Modeler through {@code /engine-rest}, the webapps' API, Java): an engine deployer that runs before the
 * engine's own. A model may only use what the product's own models use ({@link BpmnRules},
 * {@link DmnRules}, {@link FormRules}); otherwise the whole deployment is refused with one problem per
 * offending element (400, like a model that does not parse). Administrators and the application's own
 * deployment at start-up are not checked.
 */
@Component
class DeploymentGuard extends AbstractProcessEnginePlugin implements Deployer {

    private static final Logger log = LoggerFactory.getLogger(DeploymentGuard.class);

    /** How many elements the refusal's message lists; the problem's details list every finding. */
    private static final int LISTED = 10;

    private final BpmnRules bpmn;
    private final DmnRules dmn;
    private final FormRules forms;

    DeploymentGuard(ModelBeans beans, ObjectMapper json) {
        ModelExpressions expressions = new ModelExpressions(beans);
        this.bpmn = new BpmnRules(expressions);
        this.dmn = new DmnRules(expressions);
        this.forms = new FormRules(json);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = new ArrayList<>();
        if (configuration.getCustomPreDeployers() != null) {
            deployers.addAll(configuration.getCustomPreDeployers());
        }
        deployers.add(this);
        configuration.setCustomPreDeployers(deployers);
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return; // a deployment read back into a node's cache was checked when it was made
        }
        CommandContext context = Context.getCommandContext();
        Authentication user = context.getAuthentication();
        if (user == null || context.getAuthorizationManager().isCamundaAdmin(user)) {
            return;
        }
        List<ModelFinding> findings = check(
                deployment.getResources().values(),
                key -> context.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key) != null);
        if (!findings.isEmpty()) {
            log.warn("Deployment '{}' by {} refused: {}", deployment.getName(), user.getUserId(), findings);
            throw refused(findings);
        }
    }

    /** The findings for a set of resources as a non-administrator would deploy them. */
    List<ModelFinding> check(Iterable<ResourceEntity> resources, Predicate<String> knownProcessKey) {
        List<ModelFinding> findings = new ArrayList<>();
        for (ResourceEntity resource : resources) {
            List<ModelFinding> found = checkOne(resource, knownProcessKey);
            if (!found.isEmpty()) {
                // the elements as Modeler shows them, for the analyst to find
                ModelLabels labels = ModelLabels.of(resource.getBytes());
                found.forEach(f ->
                        findings.add(new ModelFinding(f.resource(), f.element(), f.message(), labels.of(f.element()))));
            }
        }
        return findings;
    }

    private List<ModelFinding> checkOne(ResourceEntity resource, Predicate<String> knownProcessKey) {
        String name = resource.getName().toLowerCase(Locale.ROOT);
        if (name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml")) {
            return bpmn.check(resource.getName(), resource.getBytes(), knownProcessKey);
        } else if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
            return dmn.check(resource.getName(), resource.getBytes());
        } else if (name.endsWith(".form")) {
            return forms.check(resource.getName(), resource.getBytes());
        }
        return List.of(new ModelFinding(
                resource.getName(),
                null,
                "only BPMN, DMN and Camunda Form files may be deployed (an administrator may deploy others)"));
    }

    private static ParseException refused(List<ModelFinding> findings) {
        List<Problem> problems =
                findings.stream().map(f -> (Problem) new Finding(f)).toList();
        String resources = String.join(
                ", ", findings.stream().map(ModelFinding::resource).distinct().toList());
        // one entry per element, with all that is wrong with it: what the analyst opens in Modeler
        Map<String, List<String>> byElement = new LinkedHashMap<>();
        findings.forEach(
                f -> byElement.computeIfAbsent(where(f), w -> new ArrayList<>()).add(f.message()));
        List<String> listed = byElement.entrySet().stream()
                .limit(LISTED)
                .map(e -> e.getKey() + ": " + String.join("; ", e.getValue()))
                .toList();
        String more = byElement.size() > LISTED ? " | and %d more".formatted(byElement.size() - LISTED) : "";
        return new ParseException(
                "Deployment refused: change %d element(s) in Camunda Modeler and deploy again (what this refuses, only an administrator may deploy): %s%s"
                        .formatted(byElement.size(), String.join(" | ", listed), more),
                resources,
                problems,
                List.of());
    }

    /** Where and why, in the words Modeler shows: 'backorder.bpmn, service task "Send notice" (Task_X): why'. */
    static String describe(ModelFinding finding) {
        return where(finding) + ": " + finding.message();
    }

    private static String where(ModelFinding finding) {
        String element = finding.label() != null ? finding.label() : finding.element();
        return finding.resource() + (element == null ? "" : ", " + element);
    }

    /** A finding in the engine's shape, so that REST clients and Modeler show it like a parse error. */
    private record Finding(ModelFinding finding) implements Problem {
        @Override
        public String getMessage() {
            return describe(finding);
        }

        @Override
        public int getLine() {
            return 0;
        }

        @Override
        public int getColumn() {
            return 0;
        }

        @Override
        public String getMainElementId() {
            return finding.element();
        }

        @Override
        public List<String> getElementIds() {
            return finding.element() == null ? List.of() : List.of(finding.element());
        }
    }
}
