package io.backorderengine.system;

import java.util.List;
import java.util.Map;

/**
 * A module's own rules for completing its user tasks, beyond the constraints of the task's form: a bean
 * of this type is asked before any task is completed by a person (see {@link TaskCompletionGuard}).
 */
public interface TaskCompletionCheck {

    /**
     * @param task   the task being completed; its case is known from the business key, never from a variable
     * @param values the form fields the person submitted (already checked against the form)
     * @return what is wrong with them, field by field; empty when the completion may go ahead
     */
    List<Problems.FieldError> check(CompletedTask task, Map<String, Object> values);

    /** The task as the check sees it: whose process, which case, which task. */
    record CompletedTask(String processDefinitionKey, String businessKey, String taskDefinitionKey, String taskId) {}
}
