package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CreateMigrationPlanCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanBuilderImpl;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.impl.migration.batch.MigrateProcessInstanceBatchCmd;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Component;

/**
 * What a non-administrator (an analyst moving running cases to the version they deployed) may ask of the
 * engine's migration API, on every way in: a plan between two versions of one process, carrying no
 * variables (a case's variables are written by its own steps, never by a caller), executed with every
 * listener and input/output mapping (they keep the case's records). The engine validates the plan's
 * mapping itself; this refuses what the plan may not carry, before anything is written (400).
 */
@Component
class MigrationGuard extends AbstractProcessEnginePlugin {

    private ProcessEngineConfigurationImpl engine;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        EngineInterceptors.checkBefore(
                configuration,
                command -> command instanceof CreateMigrationPlanCmd
                        || command instanceof MigrateProcessInstanceCmd
                        || command instanceof MigrateProcessInstanceBatchCmd,
                this::check);
    }

    private void check(Command<?> command) {
        IdentityService identity = engine.getIdentityService();
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null || EngineInterceptors.isAdmin(engine, caller)) {
            return; // the engine's own batch jobs run unauthenticated; they carry out a plan checked when made
        }
        List<Problems.FieldError> problems = new ArrayList<>();
        String source;
        String target;
        Map<String, ?> variables;
        if (command instanceof CreateMigrationPlanCmd create) {
            MigrationPlanBuilderImpl plan = CommandFields.read(
                    create, CreateMigrationPlanCmd.class, "migrationBuilder", MigrationPlanBuilderImpl.class);
            source = plan.getSourceProcessDefinitionId();
            target = plan.getTargetProcessDefinitionId();
            variables = plan.getVariables();
        } else {
            MigrationPlanExecutionBuilderImpl execution = CommandFields.read(
                    command, AbstractMigrationCmd.class, "executionBuilder", MigrationPlanExecutionBuilderImpl.class);
            source = execution.getMigrationPlan().getSourceProcessDefinitionId();
            target = execution.getMigrationPlan().getTargetProcessDefinitionId();
            variables = execution.getMigrationPlan().getVariables();
            if (execution.isSkipCustomListeners()) {
                problems.add(new Problems.FieldError(
                        "skipCustomListeners", "is for administrators: the case's listeners keep its records"));
            }
            if (execution.isSkipIoMappings()) {
                problems.add(new Problems.FieldError("skipIoMappings", "is for administrators"));
            }
        }
        if (variables != null && !variables.isEmpty()) {
            problems.add(new Problems.FieldError(
                    "migrationPlan.variables",
                    "may not be set: a case's variables are written by its own steps, not by a migration"));
        }
        String sourceKey = keyOf(source, identity, caller);
        String targetKey = keyOf(target, identity, caller);
        if (sourceKey != null && targetKey != null && !sourceKey.equals(targetKey)) {
            problems.add(new Problems.FieldError(
                    "targetProcessDefinitionId",
                    "is a version of '%s'; cases of '%s' move only to another version of '%s'"
                            .formatted(targetKey, sourceKey, sourceKey)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMigration(problems);
        }
    }

    /** The key of a definition (null when there is none: the engine then answers not found). */
    private String keyOf(String definitionId, IdentityService identity, Authentication caller) {
        if (definitionId == null) {
            return null;
        }
        identity.clearAuthentication();
        try {
            ProcessDefinition definition = engine.getRepositoryService()
                    .createProcessDefinitionQuery()
                    .processDefinitionId(definitionId)
                    .singleResult();
            return definition == null ? null : definition.getKey();
        } finally {
            identity.setAuthentication(caller);
        }
    }
}
