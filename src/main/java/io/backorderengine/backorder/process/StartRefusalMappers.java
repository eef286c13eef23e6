package io.backorderengine.backorder.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.backorderengine.backorder.DuplicateCaseException;
import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.inventory.BackorderCapExceededException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.springframework.stereotype.Component;

/**
 * How {@code /engine-rest} answers a start that the first step ({@link RegisterCaseDelegate}) refused:
 * 409 for an order line that has a case already, 400 for missing or wrong facts, instead of Camunda's
 * generic 500. The body is problem+json and keeps Camunda's {@code message} field for clients that
 * read engine-rest errors. The start itself was rolled back: no instance, no rows.
 */
final class StartRefusalMappers {

    private StartRefusalMappers() {}

    static Response problem(int status, String type, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:backorder-engine:problem:" + type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("message", detail);
        body.putAll(extra);
        return Response.status(status)
                .type("application/problem+json")
                .entity(body)
                .build();
    }

    @Component
    static class DuplicateCase implements ExceptionMapper<DuplicateCaseException> {
        @Override
        public Response toResponse(DuplicateCaseException exception) {
            return problem(409, "duplicate-case", "Conflict", exception.getMessage(), Map.of());
        }
    }

    @Component
    static class CapExceeded implements ExceptionMapper<BackorderCapExceededException> {
        @Override
        public Response toResponse(BackorderCapExceededException exception) {
            return problem(409, "backorder-cap", "Conflict", exception.getMessage(), Map.of());
        }
    }

    @Component
    static class InvalidCase implements ExceptionMapper<InvalidCaseException> {
        @Override
        public Response toResponse(InvalidCaseException exception) {
            return problem(
                    400,
                    "invalid-request",
                    "Bad Request",
                    exception.getMessage(),
                    Map.of(
                            "errors",
                            List.of(Map.of(
                                    "field", "variables." + exception.field(), "message", exception.getMessage()))));
        }
    }
}
