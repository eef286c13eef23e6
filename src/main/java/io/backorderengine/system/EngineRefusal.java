package io.backorderengine.system;

import java.util.List;

import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.rest.exception.RestException;

/**
 * A request to the engine refused by one of our guards before anything was written. A REST exception with
 * status 400 because that is what Camunda's REST layer passes on unchanged, on {@code /engine-rest} and on
 * the webapps' API alike; a Java caller gets it as an unchecked exception.
 */
abstract class EngineRefusal extends RestException implements FieldRefusal {

    private final transient List<Problems.FieldError> errors;

    EngineRefusal(String what, List<Problems.FieldError> errors) {
        super(
                Response.Status.BAD_REQUEST,
                what + " was refused: "
                        + String.join(
                                "; ",
                                errors.stream()
                                        .map(e -> e.field() + " " + e.message())
                                        .toList()));
        this.errors = List.copyOf(errors);
    }

    @Override
    public List<Problems.FieldError> errors() {
        return errors;
    }
}
