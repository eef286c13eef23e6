package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.ROOT_CAUSE;

import java.util.Arrays;
import java.util.Optional;

import io.backorderengine.backorder.RootCause;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The root cause an agent picked in a task's form. The form's options are checked when the task is
 * completed (the form rules); a value that is not one of them is ignored here rather than failing the case.
 */
final class NamedCause {

    private NamedCause() {}

    static Optional<RootCause> of(DelegateExecution execution) {
        String value = ROOT_CAUSE.get(execution);
        return Arrays.stream(RootCause.values())
                .filter(cause -> cause.name().equals(value))
                .findFirst();
    }
}
