package io.backorderengine.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.ProcessEngineFactoryBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Nodes started at the same moment on one database set the installation up one at a time: the engine's
 * first deployment, the administrator, the groups, filters and authorizations are each created by the
 * first node and found by the others (several nodes checking "exists?" at once would each create them,
 * and all but one fail on the unique keys). On PostgreSQL a node holds a session advisory lock from
 * before its engine is built until its start-up set-up is done; a node that dies releases it with its
 * connection. H2 in a file has one node, and no lock.
 */
@Component(StartupLock.BEAN)
class StartupLock {

    static final String BEAN = "startupLock";

    private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
    /** Any number that no other user of the database takes its advisory locks with. */
    private static final long KEY = 0x6261636b6f72L;

    private Connection held;

    StartupLock(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!connection
                .getMetaData()
                .getDatabaseProductName()
                .toLowerCase(Locale.ROOT)
                .contains("postgres")) {
            connection.close();
            return;
        }
        long started = System.nanoTime();
        try (Statement lock = connection.createStatement()) {
            lock.execute("select pg_advisory_lock(" + KEY + ")");
        }
        held = connection;
        log.info("Start-up lock taken after {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    /** After every other start-up step (the set-up listeners run before, in their order). */
    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void onStarted(ApplicationStartedEvent started) throws SQLException {
        release();
    }

    @PreDestroy
    synchronized void release() throws SQLException {
        if (held == null) {
            return;
        }
        try (Statement unlock = held.createStatement()) {
            unlock.execute("select pg_advisory_unlock(" + KEY + ")");
        } finally {
            held.close();
            held = null;
        }
    }

    /** The engine is built (and deploys, and creates the administrator) only once the lock is held. */
    @Component
    static class BeforeTheEngine extends AbstractDependsOnBeanFactoryPostProcessor {
        BeforeTheEngine() {
            super(ProcessEngine.class, ProcessEngineFactoryBean.class, BEAN);
        }
    }
}
