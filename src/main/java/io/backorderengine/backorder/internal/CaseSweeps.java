package io.backorderengine.backorder.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sweeps that finish what a stopped node or a busy case left: case starts and case messages.
 *
 * @param intake   cases registered without a process
 * @param messages case messages not yet delivered
 */
@ConfigurationProperties("backorder")
public record CaseSweeps(
        @DefaultValue Intake intake, @DefaultValue Messages messages) {

    /**
     * @param unstartedAfter         a case still without a process this long after it was registered is started
     * @param unstartedSweepInterval how often every node looks for such cases
     */
    public record Intake(
            @DefaultValue("PT30S") Duration unstartedAfter,
            @DefaultValue("PT30S") Duration unstartedSweepInterval) {}

    /**
     * @param sweepInterval how often every node retries messages a busy case could not take
     * @param maxAttempts   tries before a message is given up (FAILED, in the case ledger and the log)
     */
    public record Messages(
            @DefaultValue("PT5S") Duration sweepInterval,
            @DefaultValue("30") int maxAttempts) {}
}
