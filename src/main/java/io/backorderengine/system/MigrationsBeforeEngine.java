package io.backorderengine.system;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.stereotype.Component;

/**
 * Runs our Flyway migrations before the process engine starts. The engine creates its own tables
 * on start, and Flyway refuses to migrate a schema that already holds tables it did not create; the
 * engine's first deployment may also run our delegates, which need our tables.
 */
@Component
class MigrationsBeforeEngine extends AbstractDependsOnBeanFactoryPostProcessor {

    MigrationsBeforeEngine() {
        super(ProcessEngine.class, ProcessEngineFactoryBean.class, FlywayMigrationInitializer.class);
    }
}
