package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the engine's job threads wait while this node delivers a burst of wake-ups, and go on after it. */
class JobsGiveWayTests {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final JobsGiveWay gate = new JobsGiveWay(1, metrics);
    private final CountDownLatch releaseFirst = new CountDownLatch(1);
    private final Job first = new Job(releaseFirst);
    private final Job second = new Job(new CountDownLatch(0));

    @AfterEach
    void letTheFirstJobEnd() {
        releaseFirst.countDown();
    }

    @Test
    void withoutABurstJobsRunSideBySide() {
        Thread running = onJobThread(first);
        await().atMost(DEADLINE).until(first::started);

        onJobThread(second);

        await().atMost(DEADLINE).until(second::ended);
        assertThat(running.isAlive()).as("the first job still runs").isTrue();
        assertThat(metrics.counter("backorder.messages.jobs.held").count()).isZero();
    }

    @Test
    void duringABurstAJobWaitsForTheRunningOneAndGoesOnWhenItEnds() {
        try (JobsGiveWay.Burst burst = gate.burst()) {
            onJobThread(first);
            await().atMost(DEADLINE).until(first::started);

            Thread waiting = onJobThread(second);
            await().atMost(DEADLINE).until(() -> waiting.getState() == Thread.State.WAITING);
            assertThat(second.started())
                    .as("held back while the limit of one job runs")
                    .isFalse();

            assertThat(metrics.counter("backorder.messages.jobs.held").count()).isEqualTo(1);

            releaseFirst.countDown();
            await().atMost(DEADLINE).until(second::ended);
        }
    }

    @Test
    void whenTheBurstEndsEveryWaitingJobGoesOn() {
        JobsGiveWay.Burst burst = gate.burst();
        onJobThread(first);
        await().atMost(DEADLINE).until(first::started);
        Thread waiting = onJobThread(second);
        await().atMost(DEADLINE).until(() -> waiting.getState() == Thread.State.WAITING);

        burst.close();

        await().atMost(DEADLINE).until(second::ended);
        assertThat(first.ended()).as("the first job still runs").isFalse();
    }

    @Test
    void aJobThreadInterruptedWhileItWaitsLeavesItsJobsUnrun() throws Exception {
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        try (JobsGiveWay.Burst burst = gate.burst()) {
            onJobThread(first);
            await().atMost(DEADLINE).until(first::started);
            Thread waiting = new Thread(() -> {
                gate.run(second);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
            waiting.start();
            await().atMost(DEADLINE).until(() -> waiting.getState() == Thread.State.WAITING);

            waiting.interrupt();
            waiting.join(DEADLINE.toMillis());

            assertThat(waiting.isAlive()).isFalse();
            assertThat(second.started()).isFalse();
            assertThat(interruptedAfter)
                    .as("the interrupt is kept for the pool that stops")
                    .isTrue();
        }
    }

    private Thread onJobThread(Job job) {
        Thread thread = new Thread(() -> gate.run(job), "job-thread");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A batch of jobs that runs until its latch opens. */
    private static final class Job implements Runnable {

        private final CountDownLatch release;
        private final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch ended = new CountDownLatch(1);

        Job(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void run() {
            started.countDown();
            try {
                release.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended.countDown();
        }

        boolean started() {
            return started.getCount() == 0;
        }

        boolean ended() {
            return ended.getCount() == 0;
        }
    }
}
