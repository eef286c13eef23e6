package io.backorderengine.support;

import static org.awaitility.Awaitility.await;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the database itself can tell a test. */
@TestComponent
public class Database {

    private final JdbcClient jdbc;

    Database(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits until some session is blocked by another session's lock (H2's session table says so). */
    public void awaitSessionBlockedOnLock() {
        await().until(() -> jdbc.sql("select count(*) from information_schema.sessions where blocker_id is not null")
                .query(Integer.class).single() > 0);
    }
}
