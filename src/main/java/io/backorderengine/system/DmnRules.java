package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        return findings;
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
