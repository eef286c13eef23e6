package io.backorderengine.system;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The checks of a Camunda Form deployed by a non-administrator: the components the product's forms are
 * built from, and none that embed HTML or other pages into an agent's Tasklist (whose session could then
 * act for the agent).
 */
final class FormRules {

    static final Set<String> COMPONENTS = Set.of(
            "text",
            "textfield",
            "textarea",
            "number",
            "radio",
            "select",
            "checkbox",
            "checklist",
            "taglist",
            "datetime",
            "separator",
            "spacer",
            "group",
            "button");

    private final ObjectMapper json;

    FormRules(ObjectMapper json) {
        this.json = json;
    }

    List<ModelFinding> check(String resource, byte[] form) {
        JsonNode root;
        try {
            root = json.readTree(form);
        } catch (IOException e) {
            return List.of(new ModelFinding(resource, null, "is not a Camunda Form (not JSON)"));
        }
        List<ModelFinding> findings = new ArrayList<>();
        components(resource, root, findings);
        return findings;
    }

    private void components(String resource, JsonNode container, List<ModelFinding> findings) {
        for (JsonNode component : container.path("components")) {
            String type = component.path("type").asText();
            if (!COMPONENTS.contains(type)) {
                findings.add(new ModelFinding(
                        resource,
                        component.path("id").asText(null),
                        "form component type '%s' is not one of %s".formatted(type, new TreeSet<>(COMPONENTS))));
            }
            components(resource, component, findings);
        }
    }
}
