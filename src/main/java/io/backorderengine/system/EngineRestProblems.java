package io.backorderengine.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.dto.ParseExceptionDto;
import org.camunda.bpm.engine.rest.dto.ProblemDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Every error {@code /engine-rest} answers, as problem+json like the rest of the API. Camunda's own
 * error body names the exception class and, for a server error, passes on the message of whatever
 * failed (an SQL statement and the database version among them). Here a client error keeps the
 * engine's message (and its {@code code}, and the per-element {@code details} of a refused model); a
 * server error says only that it failed, with a reference to the log entry that has the rest.
 */
@Component
class EngineRestProblems implements ContainerResponseFilter {

    private static final Logger log = LoggerFactory.getLogger(EngineRestProblems.class);
    static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !(response.getEntity() instanceof ExceptionDto error)) {
            return;
        }
        Response.StatusType status = response.getStatusInfo();
        HttpStatus known = HttpStatus.resolve(status.getStatusCode());
        HttpStatus code = known != null
                ? known
                : status.getFamily() == Response.Status.Family.SERVER_ERROR
                        ? HttpStatus.INTERNAL_SERVER_ERROR
                        : HttpStatus.BAD_REQUEST;
        Map<String, Object> problem;
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            String reference = UUID.randomUUID().toString();
            log.error(
                    "{} {} failed ({}): {}: {}",
                    request.getMethod(),
                    request.getUriInfo().getPath(),
                    reference,
                    error.getType(),
                    error.getMessage());
            problem = Problems.forEngineRest(Problems.of(
                    code, "internal-error", "the server failed to process the request; reference " + reference));
        } else {
            // the engine's message is the detail; Camunda's clients also read its code and a model's details
            problem = Problems.forEngineRest(Problems.of(code, kind(status.getStatusCode()), error.getMessage()));
            if (error.getCode() != null) {
                problem.put("code", error.getCode());
            }
            if (error instanceof ParseExceptionDto parse) {
                problem.put("errors", problems(parse));
                problem.put("details", parse.getDetails());
            }
        }
        response.setEntity(problem, null, PROBLEM_JSON);
    }

    private static String kind(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            default -> "client-error";
        };
    }

    /** One entry per offending element: {@code resource}, {@code element} (its id) and {@code message}. */
    private static List<Map<String, Object>> problems(ParseExceptionDto parse) {
        List<Map<String, Object>> errors = new ArrayList<>();
        parse.getDetails().forEach((resource, report) -> {
            for (ProblemDto problem : report.getErrors()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("resource", resource);
                entry.put("element", problem.getMainElementId());
                entry.put("message", problem.getMessage());
                errors.add(entry);
            }
        });
        return errors;
    }
}
