package io.backorderengine.backorder.process;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.backorderengine.backorder.internal.CaseSweeps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.components.jobexecutor.SpringJobExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Lets a receipt's wake-ups go first on this node. While {@link CaseMessageDispatcher} delivers a burst side by
 * side, the engine's job executor starts a job only while fewer than
 * {@code backorder.messages.jobs-while-delivering} of its jobs are running; when the burst is over, every job
 * thread goes on at once.
 *
 * <p>Why: on two cores a 100-unit receipt's five delivery threads met up to six job threads sending the woken
 * cases' ship notices. Giving way, a woken case cost 12 to 33 % less (docs/benchmarks.md, "Restock"), and the
 * receipt's caller waits for its wake-ups. The notices only wait the burst out; they are sent right after it. A waiting
 * job thread holds no transaction and no row, only the job's lock, which outlasts any burst. Node-local: another
 * node's job executor is not slowed by this node's burst. Metric: {@code backorder.messages.jobs.held}.
 */
@Component
class JobsGiveWay extends AbstractProcessEnginePlugin {

    private final int jobsWhileDelivering;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Counter held;
    private int bursts;
    private int running;

    @Autowired
    JobsGiveWay(CaseSweeps sweeps, MeterRegistry metrics) {
        this(sweeps.messages().jobsWhileDelivering(), metrics);
    }

    JobsGiveWay(int jobsWhileDelivering, MeterRegistry metrics) {
        this.jobsWhileDelivering = jobsWhileDelivering;
        this.held = Counter.builder("backorder.messages.jobs.held")
                .description("batches of engine jobs that waited for this node's burst of wake-ups to end")
                .register(metrics);
    }

    /** postInit, not preInit: the Spring Boot starter sets its job executor in its own preInit. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() instanceof SpringJobExecutor jobs && jobs.getTaskExecutor() != null) {
            TaskExecutor pool = jobs.getTaskExecutor();
            // rejections still reach the job executor, which hands the jobs back to its acquisition
            jobs.setTaskExecutor(work -> pool.execute(() -> run(work)));
        }
    }

    /** Marks a burst of deliveries on this node until the returned handle is closed. */
    Burst burst() {
        lock.lock();
        try {
            bursts++;
        } finally {
            lock.unlock();
        }
        return this::burstOver;
    }

    /** A burst in progress; closing it lets the job threads that waited go on. */
    interface Burst extends AutoCloseable {
        @Override
        void close();
    }

    private void burstOver() {
        lock.lock();
        try {
            bursts--;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a batch of jobs on a job thread, once no burst holds it back. */
    void run(Runnable jobs) {
        lock.lock();
        try {
            if (bursts > 0 && running >= jobsWhileDelivering) {
                held.increment();
                do {
                    changed.await();
                } while (bursts > 0 && running >= jobsWhileDelivering);
            }
            running++;
        } catch (InterruptedException shuttingDown) {
            // as a batch still queued when the node stops: not run; once its jobs' locks expire, another node (or
            // this one, started again) takes them
            Thread.currentThread().interrupt();
            return;
        } finally {
            lock.unlock();
        }
        try {
            jobs.run();
        } finally {
            lock.lock();
            try {
                running--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
