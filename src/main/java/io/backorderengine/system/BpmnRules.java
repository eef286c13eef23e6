package io.backorderengine.system;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

/**
 * The checks of a BPMN file deployed by a non-administrator: it may use what the product's own
 * models use (our delegates, model beans as declared, conditions and mappings over variables, timers
 * from variables, Camunda Forms) and nothing that runs other code, starts instances by itself or
 * reaches other processes.
 */
final class BpmnRules {

    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    /** Camunda's namespace and the older one the engine still reads as the same. */
    private static final Set<String> CAMUNDA = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn");

    private static final Duration SHORTEST_CYCLE = Duration.ofMinutes(1);

    private static final Map<String, String> REFUSED_BPMN_ELEMENTS = Map.of(
            "scriptTask", "script tasks run code inside the engine",
            "callActivity", "call activities start other processes");
    private static final Map<String, String> REFUSED_CAMUNDA_ELEMENTS = Map.of(
            "script", "scripts run code inside the engine",
            "formData", "generated forms may name validator classes; use a Camunda Form (camunda:formRef)",
            "connector", "connectors call out of the engine",
            "field", "field injection is for Java classes",
            "in", "variable mappings pass data to other processes",
            "out", "variable mappings take data from other processes");
    private static final Map<String, String> REFUSED_CAMUNDA_ATTRIBUTES = Map.of(
            "class", "names a Java class to run",
            "variableMappingClass", "names a Java class to run",
            "formHandlerClass", "names a Java class to run",
            "resource", "loads a script",
            "formKey",
                    "embedded and external forms run their own scripts in Tasklist; use a Camunda Form (camunda:formRef)",
            "type", "external tasks and connectors are not used by the product's models");

    private final ModelExpressions expressions;

    BpmnRules(ModelExpressions expressions) {
        this.expressions = expressions;
    }

    /**
     * @param knownProcessKey whether a process key has been deployed before (a new one needs an administrator)
     */
    List<ModelFinding> check(String resource, byte[] xml, Predicate<String> knownProcessKey) {
        Document document = ModelXml.parse(xml);
        if (document == null) {
            return List.of(); // not XML: the engine's parser refuses it with its own message
        }
        List<ModelFinding> findings = new ArrayList<>();
        ModelXml.forEachElement(document.getDocumentElement(), element -> {
            for (String problem : problems(element, knownProcessKey)) {
                findings.add(new ModelFinding(resource, ModelXml.idOf(element), problem));
            }
        });
        return findings;
    }

    private List<String> problems(Element element, Predicate<String> knownProcessKey) {
        List<String> problems = new ArrayList<>();
        String name = element.getLocalName();
        if (BPMN.equals(element.getNamespaceURI())) {
            if (REFUSED_BPMN_ELEMENTS.containsKey(name)) {
                problems.add(name + ": " + REFUSED_BPMN_ELEMENTS.get(name));
            }
            if ("process".equals(name)
                    && "true".equals(element.getAttribute("isExecutable"))
                    && !knownProcessKey.test(element.getAttribute("id"))) {
                problems.add("process '%s' is new: an administrator deploys the first version of a process"
                        .formatted(element.getAttribute("id")));
            }
            if ("startEvent".equals(name)
                    && element.getParentNode() instanceof Element parent
                    && "process".equals(parent.getLocalName())
                    && hasEventDefinition(element)) {
                problems.add("a process start event with a timer, message, signal or condition starts cases by itself");
            }
            if ("timeCycle".equals(name)) {
                cycleProblem(ModelXml.ownText(element)).ifPresent(problems::add);
            }
        } else if (isCamunda(element.getNamespaceURI()) && REFUSED_CAMUNDA_ELEMENTS.containsKey(name)) {
            problems.add("camunda:" + name + ": " + REFUSED_CAMUNDA_ELEMENTS.get(name));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            problems.addAll(attributeProblems((Attr) attributes.item(i)));
        }
        String text = ModelXml.ownText(element);
        boolean prose = BPMN.equals(element.getNamespaceURI()) && ("documentation".equals(name) || "text".equals(name));
        if (!prose && ModelExpressions.isExpression(text)) {
            problems.addAll(expressions.check(text));
        }
        return problems;
    }

    private List<String> attributeProblems(Attr attribute) {
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String value = attribute.getValue();
        if (isCamunda(attribute.getNamespaceURI())) {
            if (REFUSED_CAMUNDA_ATTRIBUTES.containsKey(name)) {
                return List.of("camunda:%s '%s' %s".formatted(name, value, REFUSED_CAMUNDA_ATTRIBUTES.get(name)));
            }
            if ("delegateExpression".equals(name) || "variableMappingDelegateExpression".equals(name)) {
                return expressions.checkDelegate(value);
            }
        }
        if (attribute.getNamespaceURI() == null
                && ("language".equals(name) || "scriptFormat".equals(name))
                && !value.isBlank()
                && !"juel".equals(value.toLowerCase(Locale.ROOT))) {
            return List.of("%s '%s': scripts run code inside the engine".formatted(name, value));
        }
        return ModelExpressions.isExpression(value) ? expressions.check(value) : List.of();
    }

    private static boolean isCamunda(String namespace) {
        return namespace != null && CAMUNDA.contains(namespace);
    }

    private static boolean hasEventDefinition(Element startEvent) {
        for (var child = startEvent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e
                    && e.getLocalName() != null
                    && e.getLocalName().endsWith("EventDefinition")) {
                return true;
            }
        }
        return false;
    }

    /** A literal cycle that would fire too often: cron expressions, or a repeat interval under a minute. */
    private static Optional<String> cycleProblem(String cycle) {
        if (cycle.isEmpty() || ModelExpressions.isExpression(cycle)) {
            return Optional.empty();
        }
        if (cycle.contains(" ")) {
            return Optional.of("timer cycle '%s': cron cycles may fire every second".formatted(cycle));
        }
        for (String part : cycle.split("/")) {
            if (part.startsWith("P")) {
                try {
                    if (Duration.parse(part).compareTo(SHORTEST_CYCLE) < 0) {
                        return Optional.of(
                                "timer cycle '%s' repeats more often than every %s".formatted(cycle, SHORTEST_CYCLE));
                    }
                } catch (DateTimeParseException periodOfMonthsOrYears) {
                    // P1M, P1Y: long enough
                }
            }
        }
        return Optional.empty();
    }
}
