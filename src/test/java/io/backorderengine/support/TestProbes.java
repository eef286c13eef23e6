package io.backorderengine.support;

import java.time.Clock;
import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Test helpers that live in the shared application context. */
@TestConfiguration(proxyBeanMethods = false)
@Import({Api.class, Catalog.class, EventProbe.class, Database.class, TestUsers.class})
public class TestProbes {

    static final String POSTGRES_CLOSER = "embeddedPostgresCloser";

    /**
     * The application's clock in tests: UTC, and set to noon of today when the test JVM started, then
     * running on. A suite takes minutes, so "today" cannot change under a test at midnight, whatever the
     * machine's time zone; tests ask this clock (through {@link Catalog#today()}) what today is.
     */
    @Bean
    @Primary
    static Clock testClock() {
        return TestClock.INSTANCE;
    }

    @Bean(POSTGRES_CLOSER)
    @Conditional(OnPostgres.class)
    static TestDatabase.Closer embeddedPostgresCloser() {
        return new TestDatabase.Closer();
    }

    @Bean
    @Conditional(OnPostgres.class)
    static AbstractDependsOnBeanFactoryPostProcessor dataSourceDependsOnPostgres() {
        return new AbstractDependsOnBeanFactoryPostProcessor(DataSource.class, POSTGRES_CLOSER) {};
    }

    static final class OnPostgres implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabase.postgres();
        }
    }
}
