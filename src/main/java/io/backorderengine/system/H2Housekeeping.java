package io.backorderengine.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The embedded default (H2 in a file) writes every commit to the file at once ({@code WRITE_DELAY=0}): an
 * answered write must survive the process being killed a moment later. H2 then runs no background
 * housekeeping, and with every commit writing a chunk of its own the file would grow without end (20,000
 * commits made 636 MB of a 1 MB database, measured here). Old chunks are reused after a second
 * ({@code RETENTION_TIME=1000}; PostgreSQL is the choice for power failures): reusing them at once
 * ({@code RETENTION_TIME=0}) let H2 overwrite a chunk that the chunk map it had written still listed, and
 * after a kill the file would not open again ("Double mark", about one kill in 100 in CrashTests). This task
 * moves the live data out of sparse chunks. It looks every few seconds and rewrites only once the
 * chunks are less than half full: compacting at every look took a fifth of the CPU under a flash sale. It
 * does not bound the file under a long peak (the intake benchmark's file reached several GB; see README). H2's store is reached through its own classes:
 * there is no SQL for it.
 */
@Component
class H2Housekeeping implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);
    /** Compaction starts when the chunks, taken together, are less full than this. */
    private static final int COMPACT_BELOW = 50;
    /** Chunks less full than this are rewritten. */
    private static final int FILL_RATE = 80;
    /** At most this much is rewritten per round, so a round stays short. */
    private static final int REWRITE_BYTES = 16 * 1024 * 1024;

    private final DataSource dataSource;
    private final Duration interval;
    private volatile boolean unavailable;

    H2Housekeeping(DataSource dataSource, SystemSettings settings) {
        this.dataSource = dataSource;
        this.interval = settings.h2().housekeepingInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::compact, interval, Duration.ZERO));
    }

    void compact() {
        if (unavailable) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isWrapperFor(JdbcConnection.class)
                    || !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
                unavailable = true; // not H2 in this process (PostgreSQL, or an H2 server): nothing to do here
                return;
            }
            MVStore store = session.getDatabase().getStore().getMvStore();
            if (store.getFileStore() == null || store.getAutoCommitDelay() != 0) {
                unavailable = true; // in memory, or H2 keeps house itself
                return;
            }
            if (store.getFileStore().getChunksFillRate() < COMPACT_BELOW) {
                store.compact(FILL_RATE, REWRITE_BYTES);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("H2 housekeeping skipped: {}", e.toString());
        } catch (LinkageError notH2) {
            unavailable = true;
        }
    }
}
