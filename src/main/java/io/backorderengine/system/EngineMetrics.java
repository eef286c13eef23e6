package io.backorderengine.system;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What operators alert on in the engine: open incidents, jobs that are due and not running, and how long the
 * oldest of them has waited (a job executor that falls behind, or none running at all). Read from the
 * shared database at each scrape, so every node reports the cluster's figures: alert on their maximum.
 */
@Component
class EngineMetrics {

    private final JdbcClient jdbc;
    private final Clock clock;

    EngineMetrics(RuntimeService runtime, JdbcClient jdbc, Clock clock, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(
                        "backorder.engine.incidents",
                        runtime,
                        r -> r.createIncidentQuery().count())
                .description("open incidents (a job out of retries, a failed external task): see Cockpit")
                .register(metrics);
        Gauge.builder("backorder.engine.jobs.due", this, EngineMetrics::dueJobs)
                .description("jobs due now with retries left and not being run (emails, async steps, timers)")
                .register(metrics);
        Gauge.builder("backorder.engine.jobs.oldest.due", this, EngineMetrics::oldestDueSeconds)
                .description("how long the job due longest ago has waited, in seconds (0 when none waits)")
                .baseUnit("seconds")
                .register(metrics);
    }

    private double dueJobs() {
        return jdbc.sql(DUE.formatted("count(*)"))
                .params(LocalDateTime.now(clock), LocalDateTime.now(clock))
                .query(Long.class)
                .single();
    }

    private double oldestDueSeconds() {
        LocalDateTime now = LocalDateTime.now(clock);
        Timestamp oldest = jdbc.sql(DUE.formatted("min(coalesce(duedate_, create_time_))"))
                .params(now, now)
                .query(Timestamp.class)
                .optional()
                .orElse(null);
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest.toLocalDateTime(), now).toSeconds());
    }

    /** Due: no due date (run as soon as possible) or one passed; retries left; not suspended; not locked. */
    private static final String DUE = """
            select %s from act_ru_job
            where retries_ > 0 and suspension_state_ = 1 and (duedate_ is null or duedate_ <= ?)
              and (lock_exp_time_ is null or lock_exp_time_ < ?)""";
}
