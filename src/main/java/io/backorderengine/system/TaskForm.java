package io.backorderengine.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The fields of a Camunda Form as the server enforces them: which a person may submit (keyed, neither
 * disabled nor read-only) and the constraints form-js checks in the browser (required, min, max,
 * minLength, maxLength, pattern, the options of a radio or select). The browser's checks are comfort;
 * these are the ones that count.
 */
final class TaskForm {

    /** One keyed field of the form. */
    record Field(String key, String type, boolean writable, boolean readonly, JsonNode validate, Set<String> options) {}

    private final Map<String, Field> fields;

    private TaskForm(Map<String, Field> fields) {
        this.fields = fields;
    }

    static TaskForm of(JsonNode form) {
        Map<String, Field> fields = new LinkedHashMap<>();
        collect(form, fields);
        return new TaskForm(fields);
    }

    static TaskForm none() {
        return new TaskForm(Map.of());
    }

    private static void collect(JsonNode container, Map<String, Field> fields) {
        for (JsonNode component : container.path("components")) {
            String key = component.path("key").asText(null);
            if (key != null && !key.isBlank()) {
                Set<String> options = new HashSet<>();
                component
                        .path("values")
                        .forEach(option -> options.add(option.path("value").asText()));
                boolean disabled = component.path("disabled").asBoolean(false);
                boolean readonly = component.path("readonly").asBoolean(false);
                fields.put(
                        key,
                        new Field(
                                key,
                                component.path("type").asText(),
                                !disabled && !readonly,
                                readonly,
                                component.path("validate"),
                                options));
            }
            collect(component, fields);
        }
    }

    /**
     * What is wrong with the submitted values.
     *
     * @param current a field's current value, for read-only fields that form-js submits unchanged
     */
    List<Problems.FieldError> problems(Map<String, Object> submitted, Function<String, Object> current) {
        List<Problems.FieldError> problems = new ArrayList<>();
        submitted.forEach((name, value) -> {
            Field field = fields.get(name);
            if (field == null) {
                problems.add(new Problems.FieldError(name, "is not a field of this task's form"));
            } else if (!field.writable()) {
                if (!(field.readonly() && Objects.equals(value, current.apply(name)))) {
                    problems.add(new Problems.FieldError(name, "is shown to read, not to change"));
                }
            } else {
                problem(field, value).ifPresent(message -> problems.add(new Problems.FieldError(name, message)));
            }
        });
        for (Field field : fields.values()) {
            if (field.writable()
                    && field.validate().path("required").asBoolean(false)
                    && isEmpty(submitted.get(field.key()))) {
                problems.add(new Problems.FieldError(field.key(), "is required"));
            }
        }
        return problems;
    }

    private static Optional<String> problem(Field field, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        JsonNode validate = field.validate();
        switch (field.type()) {
            case "number" -> {
                if (!(value instanceof Number number)) {
                    return Optional.of("must be a number");
                }
                double n = number.doubleValue();
                if (validate.has("min") && n < validate.path("min").asDouble()) {
                    return Optional.of(
                            "must be at least " + validate.path("min").asText());
                }
                if (validate.has("max") && n > validate.path("max").asDouble()) {
                    return Optional.of("must be at most " + validate.path("max").asText());
                }
            }
            case "checkbox" -> {
                if (!(value instanceof Boolean)) {
                    return Optional.of("must be true or false");
                }
            }
            case "radio", "select" -> {
                if (!field.options().contains(String.valueOf(value))) {
                    return Optional.of("must be one of " + new TreeSet<>(field.options()));
                }
            }
            default -> {
                if (!(value instanceof String text)) {
                    return Optional.of("must be text");
                }
                return textProblem(validate, text, "textarea".equals(field.type()));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> textProblem(JsonNode validate, String text, boolean multiline) {
        if (validate.has("minLength")
                && text.length() < validate.path("minLength").asInt()) {
            return Optional.of("must be at least %d characters"
                    .formatted(validate.path("minLength").asInt()));
        }
        if (validate.has("maxLength")
                && text.length() > validate.path("maxLength").asInt()) {
            return Optional.of("must be at most %d characters"
                    .formatted(validate.path("maxLength").asInt()));
        }
        if (validate.has("pattern")) {
            try {
                if (!text.isEmpty()
                        && !Pattern.compile(validate.path("pattern").asText())
                                .matcher(text)
                                .matches()) {
                    return Optional.of("does not have the expected format");
                }
            } catch (PatternSyntaxException broken) {
                return Optional.of("cannot be checked (the form's pattern is broken)");
            }
        }
        if (PlainText.Validator.hasControlCharacters(text, multiline)) {
            return Optional.of("must not contain control or bidirectional-override characters");
        }
        return Optional.empty();
    }

    private static boolean isEmpty(Object value) {
        return value == null || (value instanceof String text && text.isBlank());
    }
}
