package io.backorderengine.backorder.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sweeps that finish what a stopped node or a busy case left (case starts, case messages), and the one
 * that puts outcomes in the feed.
 *
 * @param intake   cases registered without a process
 * @param messages case messages not yet delivered
 * @param outcomes outcomes recorded but not yet in the feed
 */
@ConfigurationProperties("backorder")
public record CaseSweeps(
        @DefaultValue Intake intake,
        @DefaultValue Messages messages,
        @DefaultValue Outcomes outcomes) {

    /**
     * @param sequenceInterval how often every node gives new outcomes their feed position (the feed lags
     *                         the facts by about this much)
     */
    public record Outcomes(@DefaultValue("PT0.2S") Duration sequenceInterval) {}

    /**
     * @param unstartedAfter         a case still without a process this long after it was registered is started
     * @param unstartedSweepInterval how often every node looks for such cases
     * @param maxQueuedStarts        cases a node may have answered and not yet started; beyond it, intake
     *                               starts the order's own cases itself, with other such orders, and answers
     *                               when they have started (a peak longer than the node can work off slows
     *                               intake down instead of piling up)
     */
    public record Intake(
            @DefaultValue("PT30S") Duration unstartedAfter,
            @DefaultValue("PT30S") Duration unstartedSweepInterval,
            @DefaultValue("2000") int maxQueuedStarts) {}

    /**
     * @param sweepInterval how often every node retries messages a busy case could not take
     * @param maxAttempts   tries before a message is given up (FAILED, in the case ledger and the log)
     * @param deliveryThreads threads that deliver the messages of one transaction at once (a receipt wakes
     *                      many cases), the one that queued them included; 1 delivers them one group after
     *                      another. On 2 cores, 5 woke cases nearly twice as fast as 1 and faster than 3
     *                      (docs/benchmarks.md): a wake waits on database round trips as much as it computes
     * @param jobsWhileDelivering engine jobs this node starts while fewer than this many run, as long as it
     *                      delivers such a burst; the others wait for the burst's end (the woken cases'
     *                      notices come right after their wake-ups instead of slowing them)
     */
    public record Messages(
            @DefaultValue("PT5S") Duration sweepInterval,
            @DefaultValue("30") int maxAttempts,
            @DefaultValue("5") int deliveryThreads,
            @DefaultValue("1") int jobsWhileDelivering) {

        public Messages {
            if (deliveryThreads < 1) {
                throw new IllegalArgumentException("backorder.messages.delivery-threads must be at least 1");
            }
            if (jobsWhileDelivering < 1) {
                throw new IllegalArgumentException(
                        "backorder.messages.jobs-while-delivering must be at least 1, so that jobs go on during a"
                                + " long burst of deliveries");
            }
        }
    }
}
