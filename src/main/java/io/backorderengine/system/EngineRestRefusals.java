package io.backorderengine.system;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.stereotype.Component;

/**
 * Refusals that Camunda's REST layer wraps (and sometimes reports as 500) answered as the caller's
 * bad input: a task completed with values its form does not take, a start outside its process's contract
 * (400, each field in {@code errors}),
 * and a Java-serialized variable, which the engine refuses ({@code javaSerializationFormatEnabled=false})
 * but Camunda reports as 500. Every other REST error keeps Camunda's status ({@link EngineRestProblems}
 * writes the body).
 */
@Component
@Priority(1)
class EngineRestRefusals implements ExceptionMapper<RestException> {

    private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

    @Override
    public Response toResponse(RestException exception) {
        if (DatabaseOutage.causedBy(exception)) {
            return unavailable();
        }
        Response camunda = ExceptionHandlerHelper.getInstance().getResponse(exception);
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof FieldRefusal refused) {
                return invalid(refused);
            }
            if (cause.getMessage() != null && cause.getMessage().contains(JAVA_SERIALIZATION_PROHIBITED)) {
                return Response.fromResponse(camunda)
                        .status(Response.Status.BAD_REQUEST)
                        .build();
            }
        }
        return camunda;
    }

    /** 503 with Retry-After while the database is away: nothing was changed, the caller tries again. */
    static Response unavailable() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:backorder-engine:problem:database-unavailable");
        problem.put("title", "Service Unavailable");
        problem.put("status", 503);
        problem.put("detail", DatabaseOutage.DETAIL);
        problem.put("message", problem.get("detail"));
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .header("Retry-After", DatabaseOutage.RETRY_AFTER)
                .type(EngineRestProblems.PROBLEM_JSON)
                .entity(problem)
                .build();
    }

    /** The same for the engine's own exceptions, which Camunda answers 500 whatever the cause. */
    @Component
    @Priority(1)
    static class FromTheEngine implements ExceptionMapper<ProcessEngineException> {
        @Override
        public Response toResponse(ProcessEngineException exception) {
            return DatabaseOutage.causedBy(exception)
                    ? unavailable()
                    : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    /** The same for failures Camunda's REST layer does not wrap (Spring's, when no connection is free). */
    @Component
    @Priority(1)
    static class Unwrapped implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            return DatabaseOutage.causedBy(exception)
                    ? unavailable()
                    : ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }

    private static Response invalid(FieldRefusal refused) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:backorder-engine:problem:invalid-request");
        problem.put("title", "Bad Request");
        problem.put("status", 400);
        problem.put("detail", refused.getMessage());
        problem.put("message", refused.getMessage());
        problem.put(
                "errors",
                refused.errors().stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return Response.status(Response.Status.BAD_REQUEST)
                .type(EngineRestProblems.PROBLEM_JSON)
                .entity(problem)
                .build();
    }
}
