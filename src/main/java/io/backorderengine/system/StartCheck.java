package io.backorderengine.system;

import java.util.List;

import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A module's contract for starting its processes: a bean of this type is asked before a process
 * instance is started by a person or an order system ({@link StartGuard}).
 */
public interface StartCheck {

    /**
     * @param processDefinitionKey the process being started
     * @param businessKey          as the caller gave it, or null
     * @param variables            the start variables, typed as the caller sent them
     * @return what is wrong, field by field ({@code variables.<name>} or {@code businessKey}); empty if the start may go ahead
     */
    List<Problems.FieldError> check(String processDefinitionKey, String businessKey, VariableMap variables);
}
