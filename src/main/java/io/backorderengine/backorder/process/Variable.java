package io.backorderengine.backorder.process;

import java.util.Date;
import java.util.Map;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and type in one place, so delegates, tests and forms agree on
 * both. Values are primitives, strings and dates only (never serialized Java objects).
 */
record Variable<T>(String name, Class<T> type) {

    static Variable<String> string(String name) {
        return new Variable<>(name, String.class);
    }

    static Variable<Integer> integer(String name) {
        return new Variable<>(name, Integer.class);
    }

    static Variable<Double> decimal(String name) {
        return new Variable<>(name, Double.class);
    }

    static Variable<Boolean> bool(String name) {
        return new Variable<>(name, Boolean.class);
    }

    static Variable<Date> date(String name) {
        return new Variable<>(name, Date.class);
    }

    /** The value, or null when the variable is not set. */
    T get(VariableScope scope) {
        return convert(scope.getVariable(name));
    }

    /** The value in a map of variables (a start request's), or null when it is not there. */
    T get(Map<String, ?> variables) {
        return convert(variables.get(name));
    }

    /** Whether a value a caller sent can be this variable: the right type, a whole number within int range. */
    boolean accepts(Object value) {
        if (value == null || type.isInstance(value)) {
            return true;
        }
        if (type == Integer.class) {
            return (value instanceof Long || value instanceof Short)
                    && ((Number) value).longValue() == ((Number) value).intValue();
        }
        return type == Double.class && value instanceof Number;
    }

    private T convert(Object value) {
        if (value == null) {
            return null;
        }
        if (type == Integer.class && value instanceof Number number) {
            return type.cast(number.intValue());
        }
        if (type == Double.class && value instanceof Number number) {
            return type.cast(number.doubleValue());
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("process variable %s must be a %s, but is a %s"
                    .formatted(name, type.getSimpleName(), value.getClass().getSimpleName()));
        }
        return type.cast(value);
    }

    /** The value; a missing variable is an error of the caller that started or moved the case. */
    T require(VariableScope scope) {
        T value = get(scope);
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException("process variable " + name + " is required");
        }
        return value;
    }

    void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }
}
