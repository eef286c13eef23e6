package io.backorderengine.backorder.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

import io.backorderengine.backorder.BackorderCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Intake commits an order's cases and then starts their processes. A node that stops in between (or a
 * start that fails) leaves an open case without a process: this sweep, on every node, starts it. Two nodes
 * starting the same case are safe: the first step attaches the process to the case only once.
 */
@Component
class UnstartedCases implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(UnstartedCases.class);

    private final CaseRepository repository;
    private final BackorderCases cases;
    private final Duration grace;
    private final Duration sweepInterval;
    private final Clock clock;

    UnstartedCases(CaseRepository repository, BackorderCases cases, CaseSweeps sweeps, Clock clock) {
        this.repository = repository;
        this.cases = cases;
        this.grace = sweeps.intake().unstartedAfter();
        this.sweepInterval = sweeps.intake().unstartedSweepInterval();
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, sweepInterval, sweepInterval));
    }

    void sweep() {
        try {
            var unstarted = repository.withoutProcess(LocalDateTime.now(clock).minus(grace));
            if (!unstarted.isEmpty()) {
                log.warn(
                        "Starting the processes of {} case(s) registered without one: {}", unstarted.size(), unstarted);
                cases.start(unstarted);
            }
        } catch (DataAccessException | TransactionException unavailable) {
            log.warn("Unstarted case sweep skipped: {}", unavailable.getMessage());
        }
    }
}
