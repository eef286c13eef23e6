package io.backorderengine.system;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Builds RFC 9457 problem details the same way for every module, so clients can rely on
 * {@code type}, {@code title}, {@code detail} and, for input errors, {@code errors[].field}.
 */
public final class Problems {

    private static final String TYPE_BASE = "urn:backorder-engine:problem:";

    private Problems() {}

    /** A problem about the request as a whole. */
    public static ProblemDetail of(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    /** A problem with one or more named fields of the request. */
    public static ProblemDetail invalid(List<FieldError> errors) {
        String detail = errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "invalid-request", detail);
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return problem;
    }

    public static ProblemDetail invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    /**
     * The body {@code /engine-rest} answers for a problem: the same fields, plus Camunda's {@code message}
     * (the detail), which Camunda's own clients (Modeler, the webapps' scripts) read.
     */
    public static Map<String, Object> forEngineRest(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("message", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }

    /** A request field and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
