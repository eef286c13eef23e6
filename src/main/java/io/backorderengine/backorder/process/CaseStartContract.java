package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.KEY;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.backorder.internal.CaseRegistry;
import io.backorderengine.system.Problems;
import io.backorderengine.system.StartCheck;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * What an order system may start a case with through the engine's API: the documented variables of
 * {@link CaseStart}, each of its type, checked in the formats an order is checked in
 * ({@code CaseFormats}), and the business key {@code <orderId>-<lineId>}. Nothing else: a variable the
 * case does not read (a blob of megabytes, a {@code caseId} of its own) is refused, not stored.
 */
@Component
class CaseStartContract implements StartCheck {

    private final CaseRegistry registry;
    private final Clock clock;

    CaseStartContract(CaseRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public List<Problems.FieldError> check(String processDefinitionKey, String businessKey, VariableMap variables) {
        if (!KEY.equals(processDefinitionKey)) {
            return List.of();
        }
        List<Problems.FieldError> problems = new ArrayList<>();
        for (String name : variables.keySet()) {
            Variable<?> declared = CaseStart.VARIABLES.stream()
                    .filter(v -> v.name().equals(name))
                    .findFirst()
                    .orElse(null);
            TypedValue value = variables.getValueTyped(name);
            if (declared == null) {
                problems.add(new Problems.FieldError(
                        "variables." + name,
                        "is not a variable a case starts with; allowed: "
                                + CaseStart.VARIABLES.stream()
                                        .map(Variable::name)
                                        .toList()));
            } else if (value != null && !declared.accepts(value.getValue())) {
                problems.add(new Problems.FieldError("variables." + name, "must be a " + describe(declared.type())));
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        try {
            OpenCase c = CaseStart.openCase(plain(variables), LocalDateTime.now(clock));
            registry.check(c);
            if (!c.caseId().equals(businessKey)) {
                return List.of(
                        new Problems.FieldError("businessKey", "must be <orderId>-<lineId>, here " + c.caseId()));
            }
        } catch (InvalidCaseException invalid) {
            return List.of(new Problems.FieldError("variables." + invalid.field(), invalid.reason()));
        }
        return List.of();
    }

    private static Map<String, Object> plain(VariableMap variables) {
        Map<String, Object> values = new HashMap<>();
        variables
                .keySet()
                .forEach(name -> values.put(name, variables.getValueTyped(name).getValue()));
        return values;
    }

    private static String describe(Class<?> type) {
        return switch (type.getSimpleName()) {
            case "Integer" -> "whole number (Integer)";
            case "Boolean" -> "true or false (Boolean)";
            case "Date" -> "date (Date)";
            case "Double" -> "number (Double)";
            default -> "text (String)";
        };
    }
}
