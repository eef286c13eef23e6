package io.backorderengine.backorder;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * Intake commits an order's cases and then starts their processes. A node that stops in between (or a
 * start that fails) leaves an open case without a process: this sweep, on every node, starts it. Two nodes
 * starting the same case are safe: the first step attaches the process to the case only once.
 */
@Component
class UnstartedCases {

    private static final Logger log = LoggerFactory.getLogger(UnstartedCases.class);

    private final CaseRepository repository;
    private final BackorderCases cases;
    private final Duration grace;
    private final Clock clock;

    UnstartedCases(CaseRepository repository, BackorderCases cases,
                   @Value("${backorder.intake.unstarted-after:PT30S}") Duration grace, Clock clock) {
        this.repository = repository;
        this.cases = cases;
        this.grace = grace;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${backorder.intake.unstarted-sweep-interval:PT30S}",
            initialDelayString = "${backorder.intake.unstarted-sweep-interval:PT30S}")
    void sweep() {
        try {
            var unstarted = repository.withoutProcess(LocalDateTime.now(clock).minus(grace));
            if (!unstarted.isEmpty()) {
                log.warn("Starting the processes of {} case(s) registered without one: {}", unstarted.size(), unstarted);
                cases.start(unstarted);
            }
        } catch (DataAccessException | TransactionException unavailable) {
            log.warn("Unstarted case sweep skipped: {}", unavailable.getMessage());
        }
    }
}
