package io.backorderengine.backorder.process;

import java.util.Optional;

import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;

/**
 * The settings an analyst gives a step in Modeler as extension properties ({@code camunda:property}), which
 * the step's element template sets. Properties rather than input mappings: a mapping would make the task a
 * scope of its own, and its variables would vanish with it.
 */
final class TaskSettings {

    private TaskSettings() {}

    static Optional<String> of(FlowElement task, String name) {
        if (task == null || task.getExtensionElements() == null) {
            return Optional.empty();
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> name.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .filter(value -> value != null && !value.isBlank())
                .findFirst();
    }
}
