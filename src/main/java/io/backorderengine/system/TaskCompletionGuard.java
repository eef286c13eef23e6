package io.backorderengine.system;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A person completes a task with the fields of its form and nothing else. The engine itself would
 * write every variable a candidate sends to the process (a case id of another customer, a discount the
 * form caps, a date that triggers an escalation), so before a completion or form submission by an
 * authenticated user runs, the values are checked against the task's Camunda Form ({@link TaskForm})
 * and then against the rules of the task's module ({@link TaskCompletionCheck}). Anything else: 400 and
 * nothing is written. The application's own code (no authenticated user) is not checked.
 *
 * <p>An engine command interceptor, so it holds for {@code /engine-rest}, the webapps' API (Tasklist) and Java.
 */
@Component
class TaskCompletionGuard extends AbstractProcessEnginePlugin {

    private final ObjectMapper json;
    private final ObjectProvider<TaskCompletionCheck> checks;
    private ProcessEngineConfigurationImpl engine;

    TaskCompletionGuard(ObjectMapper json, ObjectProvider<TaskCompletionCheck> checks) {
        this.json = json;
        this.checks = checks;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        EngineInterceptors.checkBefore(
                configuration,
                command -> command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd,
                this::check);
    }

    private void check(Command<?> command) {
        IdentityService identity = engine.getIdentityService();
        Authentication caller = identity.getCurrentAuthentication();
        if (caller == null) {
            return;
        }
        String taskId = command instanceof SubmitTaskFormCmd
                ? CommandFields.read(command, SubmitTaskFormCmd.class, "taskId", String.class)
                : CommandFields.read(command, CompleteTaskCmd.class, "taskId", String.class);
        Map<?, ?> submitted = command instanceof SubmitTaskFormCmd
                ? CommandFields.read(command, SubmitTaskFormCmd.class, "properties", Map.class)
                : CommandFields.read(command, CompleteTaskCmd.class, "variables", Map.class);
        // as the caller: a task they may not see is left to the command, which refuses it
        Task task = engine.getTaskService()
                .createTaskQuery()
                .taskId(taskId)
                .initializeFormKeys()
                .singleResult();
        if (task == null) {
            return;
        }
        if (!mayWork(caller, task)) {
            return; // the command refuses it (403): what it was sent does not matter
        }
        Map<String, Object> values = plain(submitted);
        // the facts behind the task are read as the application: a candidate may not read the instance
        identity.clearAuthentication();
        List<Problems.FieldError> problems;
        try {
            problems = new ArrayList<>(formOf(task)
                    .problems(values, name -> engine.getTaskService().getVariable(taskId, name)));
            if (problems.isEmpty()) {
                TaskCompletionCheck.CompletedTask completed = describe(task);
                checks.orderedStream().forEach(check -> problems.addAll(check.check(completed, values)));
            }
        } finally {
            identity.setAuthentication(caller);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTaskCompletion(taskId, problems);
        }
    }

    /** Whether the engine would let the caller complete the task (as a candidate, assignee or by role). */
    private boolean mayWork(Authentication caller, Task task) {
        if (EngineInterceptors.isAdmin(engine, caller)) {
            return true;
        }
        AuthorizationService authorizations = engine.getAuthorizationService();
        String user = caller.getUserId();
        List<String> groups = caller.getGroupIds() == null ? List.of() : caller.getGroupIds();
        if (authorizations.isUserAuthorized(user, groups, TaskPermissions.TASK_WORK, Resources.TASK, task.getId())
                || authorizations.isUserAuthorized(user, groups, Permissions.UPDATE, Resources.TASK, task.getId())) {
            return true;
        }
        String processKey = task.getProcessDefinitionId() == null
                ? null
                : engine.getRepositoryService()
                        .getProcessDefinition(task.getProcessDefinitionId())
                        .getKey();
        return processKey != null
                && (authorizations.isUserAuthorized(
                                user,
                                groups,
                                ProcessDefinitionPermissions.TASK_WORK,
                                Resources.PROCESS_DEFINITION,
                                processKey)
                        || authorizations.isUserAuthorized(
                                user,
                                groups,
                                ProcessDefinitionPermissions.UPDATE_TASK,
                                Resources.PROCESS_DEFINITION,
                                processKey));
    }

    private TaskForm formOf(Task task) {
        if (task.getCamundaFormRef() == null) {
            return TaskForm.none(); // no Camunda Form: nothing may be submitted with it
        }
        try (InputStream form = engine.getFormService().getDeployedTaskForm(task.getId())) {
            return TaskForm.of(json.readTree(form));
        } catch (IOException e) {
            throw new IllegalStateException("the form of task " + task.getId() + " cannot be read", e);
        }
    }

    private TaskCompletionCheck.CompletedTask describe(Task task) {
        String processKey = null;
        String businessKey = null;
        if (task.getProcessInstanceId() != null) {
            ProcessInstance instance = engine.getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId())
                    .singleResult();
            businessKey = instance == null ? null : instance.getBusinessKey();
            processKey = engine.getRepositoryService()
                    .getProcessDefinition(task.getProcessDefinitionId())
                    .getKey();
        }
        return new TaskCompletionCheck.CompletedTask(
                processKey, businessKey, task.getTaskDefinitionKey(), task.getId());
    }

    /** The submitted values as plain Java values (typed values unwrapped). */
    private static Map<String, Object> plain(Map<?, ?> submitted) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (submitted == null) {
            return values;
        }
        if (submitted instanceof VariableMap typed) {
            typed.keySet()
                    .forEach(name -> values.put(
                            name,
                            typed.getValueTyped(name) == null
                                    ? null
                                    : typed.getValueTyped(name).getValue()));
            return values;
        }
        submitted.forEach((name, value) ->
                values.put(String.valueOf(name), value instanceof TypedValue t ? t.getValue() : value));
        return values;
    }
}
