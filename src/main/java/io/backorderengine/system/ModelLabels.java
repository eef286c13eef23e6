package io.backorderengine.system;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What Camunda Modeler shows an analyst for each element of a model, by id: its kind and name ('service task
 * "Send notice"'), and for a decision table's rule its row number and description ('rule 2 "Everyone
 * else…"'), so a refusal points at what they can see on the canvas or in the table.
 */
final class ModelLabels {

    private final Map<String, String> byId = new HashMap<>();

    private ModelLabels() {}

    static ModelLabels of(byte[] xml) {
        ModelLabels labels = new ModelLabels();
        Document document = ModelXml.parse(xml);
        if (document != null) {
            ModelXml.forEachElement(document.getDocumentElement(), element -> {
                if (element.hasAttribute("id")) {
                    labels.byId.put(element.getAttribute("id"), label(element));
                }
            });
        }
        return labels;
    }

    /** The label of the element with this id; the id itself when the model does not have it. */
    String of(String id) {
        return id == null ? null : byId.getOrDefault(id, id);
    }

    private static String label(Element element) {
        String id = element.getAttribute("id");
        Element rule = ancestor(element, "rule");
        if (rule != null) {
            String row = "rule " + rowOf(rule) + quoted(descriptionOf(rule));
            return element == rule ? row + " (" + id + ")" : row + ", " + kind(element) + " (" + id + ")";
        }
        return kind(element) + quoted(element.getAttribute("name")) + " (" + id + ")";
    }

    /** 'serviceTask' as Modeler calls it: 'service task'. */
    private static String kind(Element element) {
        return element.getLocalName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    private static String quoted(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String shown = text.strip();
        return " \"" + (shown.length() > 60 ? shown.substring(0, 59) + "…" : shown) + "\"";
    }

    private static int rowOf(Element rule) {
        int row = 0;
        for (Node node = rule; node != null; node = node.getPreviousSibling()) {
            if (node instanceof Element e && "rule".equals(e.getLocalName())) {
                row++;
            }
        }
        return row;
    }

    private static String descriptionOf(Element rule) {
        for (Node child = rule.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && "description".equals(e.getLocalName())) {
                return ModelXml.ownText(e);
            }
        }
        return null;
    }

    private static Element ancestor(Element element, String localName) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
