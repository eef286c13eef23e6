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

    /** Waits until some session is blocked by another session's lock, as the database itself reports it. */
    public void awaitSessionBlockedOnLock() {
        await().until(this::sessionBlockedOnLock);
    }

    /** Whether some session is blocked by another session's lock now, as the database itself reports it. */
    public boolean sessionBlockedOnLock() {
        String blocked = TestDatabase.postgres()
                ? "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                : "select count(*) from information_schema.sessions where blocker_id is not null";
        return jdbc.sql(blocked).query(Integer.class).single() > 0;
    }
}
