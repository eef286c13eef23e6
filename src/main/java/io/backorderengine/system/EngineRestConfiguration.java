package io.backorderengine.system;

import java.util.List;

import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * Camunda's {@code /engine-rest} application plus the exception mappers other modules contribute,
 * so that a refusal raised by our own first process step reaches the caller as a 4xx instead of
 * Camunda's generic 500, and every error as problem+json ({@link EngineRestProblems}).
 */
@Component
class EngineRestConfiguration extends CamundaJerseyResourceConfig {

    private final List<ExceptionMapper<?>> mappers;
    private final EngineRestProblems problems;

    EngineRestConfiguration(List<ExceptionMapper<?>> mappers, EngineRestProblems problems) {
        this.mappers = mappers;
        this.problems = problems;
    }

    @Override
    protected void registerAdditionalResources() {
        mappers.forEach(this::register);
        register(problems);
    }
}
