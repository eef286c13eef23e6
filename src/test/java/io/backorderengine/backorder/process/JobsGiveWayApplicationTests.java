package io.backorderengine.backorder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.backorderengine.support.ApplicationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The engine's own job threads give way to a burst of wake-ups on this node ({@code jobs-while-delivering}: 1),
 * and the work behind them still goes on during a burst however long it lasts.
 */
class JobsGiveWayApplicationTests extends ApplicationTest {

    @Autowired
    JobsGiveWay jobsGiveWay;

    @Autowired
    MeterRegistry metrics;

    @Test
    void duringABurstTheEnginesJobThreadsRunOneBatchAtATimeAndAllGoOnAfterIt() throws Exception {
        var jobThreads = ((SpringJobExecutor)
                        ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                                .getJobExecutor())
                .getTaskExecutor();
        CountDownLatch releaseFirst = new CountDownLatch(1);
        CountDownLatch firstRuns = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        double heldBefore = held();
        try (JobsGiveWay.Burst burst = jobsGiveWay.burst()) {
            jobThreads.execute(() -> {
                firstRuns.countDown();
                block(releaseFirst);
            });
            assertThat(firstRuns.await(10, TimeUnit.SECONDS)).isTrue();

            jobThreads.execute(secondRan::countDown);
            await().until(() -> held() > heldBefore);
            assertThat(secondRan.getCount())
                    .as("held back by the running batch")
                    .isEqualTo(1);
        } finally {
            releaseFirst.countDown();
        }
        assertThat(secondRan.await(10, TimeUnit.SECONDS))
                .as("goes on once the burst is over")
                .isTrue();
    }

    @Test
    void casesOpenedDuringALongBurstStillGetTheirNotices() {
        try (JobsGiveWay.Burst burst = jobsGiveWay.burst()) {
            String first = caseWithNoticeSent("BURST");
            String second = caseWithNoticeSent("BURST");
            assertThat(api.backorder(first).path("status").asText()).isEqualTo("OPEN");
            assertThat(api.backorder(second).path("status").asText()).isEqualTo("OPEN");
        }
    }

    private double held() {
        return metrics.counter("backorder.messages.jobs.held").count();
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
