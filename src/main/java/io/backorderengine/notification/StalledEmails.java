package io.backorderengine.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * No email stays {@code SENDING} for good. One that is still being handed over longer than
 * {@code backorder.mail.stalled-after} (keep it at the job lock time: a live attempt times out in seconds)
 * was being sent by a node that stopped; it becomes {@code FAILED}, which agents see in the case, and its
 * job, if it runs again, sends the very same message. One conditional update: nodes may sweep at once.
 *
 * <p>Metrics: {@code backorder.emails.failed} (emails now FAILED) and {@code backorder.emails.stalled}
 * (how many the sweep has found since start).
 */
@Component
class StalledEmails implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(StalledEmails.class);

    private final CommunicationLog communications;
    private final Duration stalledAfter;
    private final Duration sweepInterval;
    private final Clock clock;
    private final Counter stalled;

    StalledEmails(CommunicationLog communications, MailProperties mail, Clock clock, MeterRegistry metrics) {
        this.communications = communications;
        this.stalledAfter = mail.stalledAfter();
        this.sweepInterval = mail.stalledSweepInterval();
        this.clock = clock;
        this.stalled = Counter.builder("backorder.emails.stalled")
                .description("emails a stopped node left being handed to the mail server")
                .register(metrics);
        Gauge.builder("backorder.emails.failed", communications, log -> log.count(EmailState.FAILED))
                .description("emails not confirmed by the mail server (their jobs retry them)")
                .register(metrics);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, sweepInterval, sweepInterval));
    }

    void sweep() {
        int found;
        try {
            found = communications.failStalled(LocalDateTime.now(clock).minus(stalledAfter));
        } catch (DataAccessException | TransactionException unavailable) {
            log.warn("Stalled email sweep skipped: {}", unavailable.getMessage());
            return;
        }
        if (found > 0) {
            stalled.increment(found);
            log.warn(
                    "{} email(s) were still being handed to the mail server after {}: marked FAILED",
                    found,
                    stalledAfter);
        }
    }
}
