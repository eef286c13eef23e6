package io.backorderengine.backorder.process;

import io.backorderengine.backorder.DuplicateCaseException;
import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.inventory.BackorderCapExceededException;
import io.backorderengine.system.Problems;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * How {@code /engine-rest} answers a start that the first step ({@link RegisterCaseDelegate}) refused:
 * 409 for an order line that has a case already, 400 for missing or wrong facts, instead of Camunda's
 * generic 500. The body is problem+json and keeps Camunda's {@code message} field for clients that
 * read engine-rest errors. The start itself was rolled back: no instance, no rows.
 */
final class StartRefusalMappers {

    private StartRefusalMappers() {}

    /** The problem the refusal carries, as {@code /engine-rest} answers every problem. */
    static Response problem(ProblemDetail problem) {
        return Response.status(problem.getStatus())
                .type("application/problem+json")
                .entity(Problems.forEngineRest(problem))
                .build();
    }

    @Component
    static class DuplicateCase implements ExceptionMapper<DuplicateCaseException> {
        @Override
        public Response toResponse(DuplicateCaseException exception) {
            return problem(exception.getBody());
        }
    }

    @Component
    static class CapExceeded implements ExceptionMapper<BackorderCapExceededException> {
        @Override
        public Response toResponse(BackorderCapExceededException exception) {
            return problem(exception.getBody());
        }
    }

    /** The refused fact is one of the start's variables: the field says so. */
    @Component
    static class InvalidCase implements ExceptionMapper<InvalidCaseException> {
        @Override
        public Response toResponse(InvalidCaseException exception) {
            return problem(Problems.invalid("variables." + exception.field(), exception.reason()));
        }
    }
}
