package io.backorderengine.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The checks of a DMN file deployed by a non-administrator. FEEL (the default) cannot call Java: the
 * engine runs it with external functions off. JUEL entries follow {@link ModelExpressions}; script
 * languages are refused.
 */
final class DmnRules {

    /** Elements whose text the engine evaluates. */
    private static final Set<String> EVALUATED =
            Set.of("inputExpression", "inputEntry", "outputEntry", "literalExpression");

    /** Outputs of the policy tables the engine reads as ISO 8601 durations, and as timer cycles. */
    private static final Set<String> DURATIONS = Set.of("maxWait", "supervisorDue", "keepWaitingFor", "dueIn");

    private static final Set<String> CYCLES = Set.of("reminderCycle");

    private final ModelExpressions expressions;

    DmnRules(ModelExpressions expressions) {
        this.expressions = expressions;
    }

    List<ModelFinding> check(String resource, byte[] xml) {
        Document document = ModelXml.parse(xml);
        if (document == null) {
            return List.of();
        }
        String global = document.getDocumentElement().getAttribute("expressionLanguage");
        List<ModelFinding> findings = new ArrayList<>();
        ModelXml.forEachElement(document.getDocumentElement(), element -> {
            String language = element.getAttribute("expressionLanguage");
            if (!language.isBlank() && !isFeel(language) && !isJuel(language)) {
                findings.add(new ModelFinding(
                        resource,
                        ModelXml.idOf(element),
                        "expression language '%s': scripts run code inside the engine".formatted(language)));
            }
            if (EVALUATED.contains(element.getLocalName()) && isJuel(effective(element, global))) {
                String text = textOf(element);
                if (ModelExpressions.isExpression(text)) {
                    expressions
                            .check(text)
                            .forEach(problem ->
                                    findings.add(new ModelFinding(resource, ModelXml.idOf(element), problem)));
                }
            }
        });
        ModelXml.forEachElement(document.getDocumentElement(), element -> {
            if ("decisionTable".equals(element.getLocalName())) {
                findings.addAll(policyOutputs(resource, element));
            }
        });
        return findings;
    }

    /**
     * The outputs the engine reads as durations or reminder cycles, wherever a table gives them: each rule's
     * value must be one the engine understands, so a typo is refused at deployment rather than failing
     * the cases it reaches.
     */
    private static List<ModelFinding> policyOutputs(String resource, Element table) {
        List<Element> outputs = children(table, "output");
        List<ModelFinding> findings = new ArrayList<>();
        for (Element rule : children(table, "rule")) {
            List<Element> entries = children(rule, "outputEntry");
            for (int i = 0; i < Math.min(outputs.size(), entries.size()); i++) {
                String name = outputs.get(i).getAttribute("name");
                String value = unquoted(textOf(entries.get(i)));
                String problem = DURATIONS.contains(name)
                        ? durationProblem(value)
                        : CYCLES.contains(name) ? cycleProblem(value) : null;
                if (problem != null) {
                    String label = outputs.get(i).getAttribute("label");
                    findings.add(new ModelFinding(
                            resource,
                            ModelXml.idOf(rule),
                            "column '%s' says %s: %s"
                                    .formatted(label.isBlank() ? name : label, textOf(entries.get(i)), problem)));
                }
            }
        }
        return findings;
    }

    private static String durationProblem(String value) {
        Optional<Duration> duration = PolicyValues.duration(value);
        if (duration.isEmpty()) {
            return "write a duration in quotes, such as \"P21D\" (21 days) or \"PT12H\" (12 hours)";
        }
        return duration.get().isNegative() || duration.get().isZero() ? "a duration must be longer than zero" : null;
    }

    private static String cycleProblem(String value) {
        return PolicyValues.isCycle(value)
                ? null
                : "write a repeating interval in quotes, such as \"R/P7D\" (every 7 days)";
    }

    private static String unquoted(String text) {
        String trimmed = text.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1).trim()
                : trimmed;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (var child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    /** The language an entry is evaluated in: its own, else the file's, else the engine's default (FEEL). */
    private static String effective(Element element, String global) {
        String own = element.getAttribute("expressionLanguage");
        return !own.isBlank() ? own : global;
    }

    private static String textOf(Element entry) {
        for (var child = entry.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element text && "text".equals(text.getLocalName())) {
                return ModelXml.ownText(text);
            }
        }
        return "";
    }

    private static boolean isFeel(String language) {
        return language.toLowerCase(Locale.ROOT).contains("feel");
    }

    private static boolean isJuel(String language) {
        return "juel".equalsIgnoreCase(language.trim());
    }
}
