package io.backorderengine.system;

import java.util.List;

import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * The deployment checks for a model that is not being deployed (a table an analyst tries first): the same
 * findings a non-administrator's deployment of it would be refused with, in the same words.
 */
@Component
public class ModelChecks {

    private final DeploymentGuard guard;

    ModelChecks(DeploymentGuard guard) {
        this.guard = guard;
    }

    /** What would refuse this file at deployment; empty when it would pass. */
    public List<String> problems(String resourceName, byte[] xml) {
        if (ModelXml.parse(xml) == null) {
            return List.of(resourceName + ": not a file Camunda Modeler saves (XML without a DOCTYPE)");
        }
        ResourceEntity resource = new ResourceEntity();
        resource.setName(resourceName);
        resource.setBytes(xml);
        return guard.check(List.of(resource), key -> true).stream()
                .map(DeploymentGuard::describe)
                .toList();
    }
}
