package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitStartFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A process started by a person or an order system is a plain start with the variables its module
 * declares ({@link StartCheck}), checked before the engine creates anything. Start instructions (which
 * can begin a case in the middle, at "release reservation", with listeners skipped) and a case instance
 * are for administrators. The application's own starts (no authenticated user) are not checked here;
 * the first step of every case checks them again.
 *
 * <p>An engine command interceptor, so it holds for {@code /engine-rest}, the webapps' API and Java.
 */
@Component
class StartGuard extends AbstractProcessEnginePlugin {

    private final ObjectProvider<StartCheck> checks;
    private ProcessEngineConfigurationImpl engine;

    StartGuard(ObjectProvider<StartCheck> checks) {
        this.checks = checks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        EngineInterceptors.checkBefore(
                configuration,
                command -> command instanceof StartProcessInstanceCmd
                        || command instanceof StartProcessInstanceAtActivitiesCmd
                        || command instanceof SubmitStartFormCmd,
                this::check);
    }

    private void check(Command<?> command) {
        IdentityService identity = engine.getIdentityService();
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null) {
            return;
        }
        boolean admin = EngineInterceptors.isAdmin(engine, caller);
        List<Problems.FieldError> problems = new ArrayList<>();
        String definitionId;
        String definitionKey;
        String businessKey;
        VariableMap variables;
        if (command instanceof SubmitStartFormCmd submit) {
            definitionId = CommandFields.read(submit, SubmitStartFormCmd.class, "processDefinitionId", String.class);
            definitionKey = null;
            businessKey = CommandFields.read(submit, SubmitStartFormCmd.class, "businessKey", String.class);
            variables = CommandFields.read(submit, SubmitStartFormCmd.class, "variables", VariableMap.class);
        } else {
            Class<?> owner = command instanceof StartProcessInstanceCmd
                    ? StartProcessInstanceCmd.class
                    : StartProcessInstanceAtActivitiesCmd.class;
            ProcessInstantiationBuilderImpl start =
                    CommandFields.read(command, owner, "instantiationBuilder", ProcessInstantiationBuilderImpl.class);
            definitionId = start.getProcessDefinitionId();
            definitionKey = start.getProcessDefinitionKey();
            businessKey = start.getBusinessKey();
            variables = Variables.fromMap(start.getVariables());
            if (!admin && command instanceof StartProcessInstanceAtActivitiesCmd) {
                problems.add(new Problems.FieldError(
                        "startInstructions",
                        "are for administrators: a case starts at its start event, with every listener"));
            }
            if (!admin && start.getCaseInstanceId() != null) {
                problems.add(new Problems.FieldError("caseInstanceId", "is for administrators"));
            }
        }
        if (problems.isEmpty()) {
            String key = definitionKey != null ? definitionKey : keyOf(definitionId);
            identity.clearAuthentication();
            try {
                checks.orderedStream()
                        .forEach(check -> problems.addAll(check.check(
                                key, businessKey, variables == null ? Variables.createVariables() : variables)));
            } finally {
                identity.setAuthentication(caller);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStart(problems);
        }
    }

    /** The key of a definition given by id; null when there is none (the command then answers not found). */
    private String keyOf(String definitionId) {
        if (definitionId == null) {
            return null;
        }
        ProcessDefinition definition = engine.getRepositoryService()
                .createProcessDefinitionQuery()
                .processDefinitionId(definitionId)
                .singleResult();
        return definition == null ? null : definition.getKey();
    }
}
