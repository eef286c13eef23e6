package io.backorderengine.system;

import java.util.List;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completion refused before anything was written: a field the form does not have, a value
 * outside the form's constraints or the case's rules. A form validation error for the engine, so both
 * REST APIs answer 400 (Tasklist shows the message); {@code /engine-rest} lists {@link #errors()}.
 */
public class InvalidTaskCompletion extends FormFieldValidationException implements FieldRefusal {

    private final transient List<Problems.FieldError> errors;

    InvalidTaskCompletion(String taskId, List<Problems.FieldError> errors) {
        super(
                errors,
                "task %s cannot be completed with these values: %s"
                        .formatted(
                                taskId,
                                String.join(
                                        "; ",
                                        errors.stream()
                                                .map(e -> e.field() + " " + e.message())
                                                .toList())));
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<Problems.FieldError> errors() {
        return errors;
    }
}
