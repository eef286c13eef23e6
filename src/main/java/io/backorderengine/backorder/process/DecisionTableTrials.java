package io.backorderengine.backorder.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.backorderengine.backorder.InvalidPolicyTrialException;
import io.backorderengine.backorder.PolicyNotFoundException;
import io.backorderengine.backorder.PolicyTable;
import io.backorderengine.backorder.PolicyTrials;
import io.backorderengine.backorder.internal.PolicyCaseFacts;
import io.backorderengine.system.ModelChecks;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableImpl;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelException;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.springframework.stereotype.Component;

/**
 * Tries policy tables on a DMN engine of its own, which evaluates and nothing else (no history, no
 * deployment): the tried table and the deployed one answer the same inputs, and the differences are
 * counted. An uploaded table is first put through the checks a deployment by an analyst gets.
 */
@Component
class DecisionTableTrials implements PolicyTrials {

    private static final int MAX_INPUTS = 100;
    private static final int MAX_REPLAY = 1_000;
    private static final int EXAMPLES = 5;
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The rules the current evaluation on this thread matched, as the engine reports them. */
    private static final ThreadLocal<List<String>> MATCHED = ThreadLocal.withInitial(ArrayList::new);

    /** A parsed table, and its rules' descriptions (the engine's parsed form keeps none). */
    private record Table(DmnDecision decision, Map<String, String> descriptions) {}

    private final RepositoryService repository;
    private final PolicyCaseFacts facts;
    private final ModelChecks checks;
    private final DmnEngine dmn;

    DecisionTableTrials(RepositoryService repository, PolicyCaseFacts facts, ModelChecks checks) {
        this.repository = repository;
        this.facts = facts;
        this.checks = checks;
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        configuration.customPostDecisionTableEvaluationListeners(List.of(DecisionTableTrials::matched));
        this.dmn = configuration.buildEngine();
    }

    @Override
    public List<String> keys() {
        return Arrays.stream(PolicyTable.values()).map(PolicyTable::key).toList();
    }

    @Override
    public Trial evaluate(String key, TrialRequest request) {
        PolicyTable table = PolicyTable.byKey(key).orElseThrow(() -> new PolicyNotFoundException(key, keys()));
        checkShape(request);
        DecisionDefinition definition = repository
                .createDecisionDefinitionQuery()
                .decisionDefinitionKey(key)
                .latestVersion()
                .singleResult();
        if (definition == null) {
            throw new PolicyNotFoundException(key, keys());
        }
        Table deployed;
        try (InputStream model = repository.getDecisionModel(definition.getId())) {
            deployed = parse(key, model.readAllBytes()).orElseThrow();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the deployed table " + key, e);
        }
        String deployedName = "deployed version " + definition.getVersion();
        Table tried = request.dmn() == null ? deployed : uploaded(key, request.dmn());
        String triedName = request.dmn() == null ? deployedName : "uploaded table";

        List<Evaluation> evaluations = new ArrayList<>();
        List<Map<String, Object>> inputs = request.inputs() == null ? List.of() : request.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            Map<String, Object> given = checkInputs(tried, inputs.get(i), "inputs[" + i + "]");
            Outcome triedOutcome = outcome(tried, given, "inputs[" + i + "]");
            Outcome deployedOutcome = outcome(deployed, given, "inputs[" + i + "]");
            evaluations.add(new Evaluation(
                    given,
                    triedOutcome,
                    deployedOutcome,
                    !triedOutcome.outputs().equals(deployedOutcome.outputs())));
        }
        Replay replay = request.replayLast() == null ? null : replay(table, tried, deployed, request.replayLast());
        return new Trial(key, triedName, deployedName, evaluations, replay);
    }

    private static void checkShape(TrialRequest request) {
        if ((request.inputs() == null || request.inputs().isEmpty()) && request.replayLast() == null) {
            throw new InvalidPolicyTrialException(
                    "inputs", "give inputs to evaluate, or replayLast to replay the latest cases (or both)");
        }
        if (request.inputs() != null && request.inputs().size() > MAX_INPUTS) {
            throw new InvalidPolicyTrialException("inputs", "at most %d per trial".formatted(MAX_INPUTS));
        }
        if (request.replayLast() != null && (request.replayLast() < 1 || request.replayLast() > MAX_REPLAY)) {
            throw new InvalidPolicyTrialException("replayLast", "must be from 1 to %d".formatted(MAX_REPLAY));
        }
    }

    /** The uploaded table, if it would pass an analyst's deployment and holds a decision table with this key. */
    private Table uploaded(String key, String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        List<String> problems = checks.problems(key + ".dmn", bytes);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyTrialException(
                    "dmn", "would be refused at deployment: " + String.join("; ", problems));
        }
        try {
            return parse(key, bytes)
                    .orElseThrow(() -> new InvalidPolicyTrialException(
                            "dmn",
                            "holds no decision table with the id '%s'; keep the id when you edit the table"
                                    .formatted(key)));
        } catch (DmnEngineException | DmnModelException e) {
            throw new InvalidPolicyTrialException("dmn", "is not a decision table Camunda can read: " + e.getMessage());
        }
    }

    /** The decision table with this key in a DMN file, if it holds one. */
    private Optional<Table> parse(String key, byte[] xml) {
        DmnModelInstance model = Dmn.readModelFromStream(new ByteArrayInputStream(xml));
        Map<String, String> descriptions = new HashMap<>();
        model.getModelElementsByType(Rule.class).forEach(rule -> {
            if (rule.getDescription() != null) {
                descriptions.put(
                        rule.getId(), rule.getDescription().getTextContent().trim());
            }
        });
        return dmn.parseDecisions(model).stream()
                .filter(d -> key.equals(d.getKey()) && d.isDecisionTable())
                .findFirst()
                .map(decision -> new Table(decision, descriptions));
    }

    /** The given inputs, if each names a variable the table reads and holds a plain value. */
    private static Map<String, Object> checkInputs(Table table, Map<String, Object> given, String field) {
        Set<String> read = readVariables(table.decision());
        Map<String, Object> checked = new LinkedHashMap<>();
        for (Map.Entry<String, Object> input : given.entrySet()) {
            if (!read.contains(input.getKey())) {
                throw new InvalidPolicyTrialException(
                        field + "." + input.getKey(), "is not read by the table; it reads " + read);
            }
            Object value = input.getValue();
            if (value != null
                    && !(value instanceof String text && text.length() <= 200)
                    && !(value instanceof Number)
                    && !(value instanceof Boolean)) {
                throw new InvalidPolicyTrialException(
                        field + "." + input.getKey(), "must be a text (up to 200 characters), a number, true or false");
            }
            checked.put(input.getKey(), value);
        }
        return checked;
    }

    /** The variables the table's input expressions name (an expression that is just a name). */
    private static Set<String> readVariables(DmnDecision table) {
        Set<String> names = new TreeSet<>();
        ((DmnDecisionTableImpl) table.getDecisionLogic()).getInputs().forEach(input -> {
            String text = input.getExpression().getExpression();
            if (text != null && VARIABLE.matcher(text.trim()).matches()) {
                names.add(text.trim());
            }
        });
        return names;
    }

    private Outcome outcome(Table table, Map<String, Object> inputs, String field) {
        try {
            return evaluate(table, inputs);
        } catch (DmnEngineException | FeelException e) {
            throw new InvalidPolicyTrialException(
                    field, "the table could not be evaluated with these inputs: " + e.getMessage());
        }
    }

    private Outcome evaluate(Table table, Map<String, Object> inputs) {
        MATCHED.get().clear();
        DmnDecisionResult result = dmn.evaluateDecision(table.decision(), Variables.fromMap(inputs));
        List<String> rules = List.copyOf(MATCHED.get());
        MATCHED.remove();
        if (result.isEmpty()) {
            return new Outcome(null, "no rule matched", Map.of());
        }
        String rule = rules.isEmpty() ? null : rules.get(0);
        return new Outcome(
                rule,
                table.descriptions().getOrDefault(rule, ""),
                new LinkedHashMap<>(result.getFirstResult().getEntryMap()));
    }

    private Replay replay(PolicyTable table, Table tried, Table deployed, int last) {
        List<PolicyCaseFacts.Facts> cases = facts.latest(table, last);
        Map<List<Map<String, Object>>, List<String>> changes = new LinkedHashMap<>();
        for (PolicyCaseFacts.Facts c : cases) {
            Map<String, Object> from = replayed(deployed, c.inputs());
            Map<String, Object> to = replayed(tried, c.inputs());
            if (!from.equals(to)) {
                changes.computeIfAbsent(List.of(from, to), k -> new ArrayList<>())
                        .add(c.caseId());
            }
        }
        List<Change> listed = changes.entrySet().stream()
                .map(e -> new Change(
                        e.getKey().get(0),
                        e.getKey().get(1),
                        e.getValue().size(),
                        e.getValue().subList(0, Math.min(EXAMPLES, e.getValue().size()))))
                .sorted(Comparator.comparingInt(Change::count).reversed())
                .toList();
        return new Replay(cases.size(), listed.stream().mapToInt(Change::count).sum(), listed);
    }

    /** What a table decides for a case; a table that cannot decide it says so in place of its outputs. */
    private Map<String, Object> replayed(Table table, Map<String, Object> inputs) {
        try {
            Outcome outcome = evaluate(table, inputs);
            return outcome.rule() == null && outcome.outputs().isEmpty()
                    ? Map.of("noRuleMatched", true)
                    : outcome.outputs();
        } catch (DmnEngineException | FeelException e) {
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    private static void matched(DmnDecisionTableEvaluationEvent event) {
        event.getMatchingRules().forEach(rule -> MATCHED.get().add(rule.getId()));
    }
}
