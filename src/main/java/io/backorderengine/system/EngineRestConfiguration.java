package io.backorderengine.system;

import java.util.List;

import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * Camunda's {@code /engine-rest} application plus the exception mappers other modules contribute,
 * so that a refusal raised by our own first process step reaches the caller as a 4xx instead of
 * Camunda's generic 500.
 */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

    private final List<ExceptionMapper<?>> mappers;

    EngineRestConfiguration(List<ExceptionMapper<?>> mappers) {
        this.mappers = mappers;
    }

    @Override
    protected void registerAdditionalResources() {
        mappers.forEach(this::register);
    }
}
