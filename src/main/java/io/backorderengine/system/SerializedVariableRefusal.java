package io.backorderengine.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.stereotype.Component;

/**
 * The engine refuses Java-serialized variables ({@code javaSerializationFormatEnabled=false}), but
 * the REST layer reports the refusal as a 500. It is the caller's bad input: answer 400. Every other
 * REST error keeps Camunda's own answer.
 */
@Component
@Priority(1)
class SerializedVariableRefusal implements ExceptionMapper<RestException> {

    private static final String JAVA_SERIALIZATION_PROHIBITED = "ENGINE-17007";

    @Override
    public Response toResponse(RestException exception) {
        Response camunda = ExceptionHandlerHelper.getInstance().getResponse(exception);
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(JAVA_SERIALIZATION_PROHIBITED)) {
                return Response.fromResponse(camunda).status(Response.Status.BAD_REQUEST).build();
            }
        }
        return camunda;
    }
}
