package io.backorderengine.backorder.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.OpenCase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the processes of cases opened and committed, each order's cases in one transaction, so that they
 * reach their notice together and the first notice lists every short line of the order.
 *
 * <p>Intake answers the order system once the order and its cases are committed ({@link #startSoon}); a
 * starter thread on each node then starts their processes. The order is safe in our tables by then, so the
 * answer need not wait for the engine: a customer's notice comes a moment later either way, and under a
 * peak the requests are not held up by the starts of the orders before them. Orders queued while a start
 * is running are started together, in one transaction (a group commit): a commit costs more than a start's
 * own work (H2 writes every page the transaction touched, PostgreSQL flushes its log).
 *
 * <p>The queue is bounded ({@code backorder.intake.max-queued-starts}): beyond it, intake starts the
 * order's cases itself, in the callers' lane beside the starter, and answers when they have started. A peak
 * longer than the node can work off thus slows intake down to the speed of the starts instead of piling up
 * starts, and an order waits for its own start and the one group ahead of it in that lane: not for the
 * queue, which at a few dozen starts a second is a minute long when full. Callers start together too, each
 * taking those who queued behind the group before it. When the node stops, the starter works off what is
 * queued for a few seconds; what is left, like a start that fails, is started later by
 * {@link UnstartedCases}: the case is safe in our tables. If a group fails, each order is started on its
 * own, then each case. A case whose process has started meanwhile (the sweep and the starter both had it)
 * is left out of its group.
 */
@Component
public class CaseStarts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CaseStarts.class);
    /** Enough to share a commit among every order of a busy node, small enough to keep a start short. */
    static final int MAX_CASES_TOGETHER = 32;
    /** How long a stopping node keeps starting what it has queued; the sweep takes over the rest. */
    private static final Duration DRAIN_ON_STOP = Duration.ofSeconds(10);

    private final CaseWorkflow workflow;
    private final CaseRepository cases;
    private final TransactionTemplate together;
    private final int maxQueued;
    /** Orders answered, started by the starter. */
    private final Lane queue = new Lane();
    /** Orders started by the callers waiting on them: beyond the queue's limit, or when asked to wait. */
    private final Lane callers = new Lane();
    /** The cases of both lanes not yet tried: a case is queued once, and their number bounds the queue. */
    private final Set<String> queuedIds = ConcurrentHashMap.newKeySet();
    /** One permit per order queued: wakes the starter. */
    private final Semaphore queued = new Semaphore(0);

    private volatile boolean running;
    private Thread starter;

    CaseStarts(
            CaseWorkflow workflow,
            CaseRepository cases,
            PlatformTransactionManager transactions,
            CaseSweeps sweeps,
            MeterRegistry metrics) {
        this.workflow = workflow;
        this.cases = cases;
        this.together = new TransactionTemplate(transactions);
        this.maxQueued = sweeps.intake().maxQueuedStarts();
        Gauge.builder("backorder.intake.starts.queued", queuedIds, Set::size)
                .description("cases answered to the order system whose process this node has yet to start")
                .register(metrics);
    }

    /**
     * Orders in line, and the lock held while a group of them starts: a lane's groups start one after the
     * other, each as large as the lane allows.
     */
    private static final class Lane {
        final Queue<Order> orders = new ConcurrentLinkedQueue<>();
        final ReentrantLock starting = new ReentrantLock();
    }

    /** The cases of one order, and whether their start has been tried. */
    private static final class Order {
        final List<String> caseIds;
        volatile boolean tried;

        Order(List<String> caseIds) {
            this.caseIds = caseIds;
        }
    }

    /**
     * Queues the start of one order's cases and returns at once, unless the queue is full or the node is
     * stopping: then it returns once they have been tried. Never throws.
     */
    public void startSoon(List<String> caseIds) {
        if (!running || queuedIds.size() >= maxQueued) {
            start(caseIds);
        } else if (enqueue(queue, caseIds) != null) {
            queued.release();
        }
    }

    /**
     * Starts the processes of one order's cases, with those of other callers waiting now, not after the
     * queue; returns when they have started, or have failed to and are left to the sweep. Never throws.
     */
    public void start(List<String> caseIds) {
        Order order = enqueue(callers, caseIds);
        if (order != null) {
            awaitTried(order);
        }
    }

    /** The order queued, or null when it has no case this node has not queued already. */
    private Order enqueue(Lane lane, List<String> caseIds) {
        List<String> fresh = caseIds.stream().filter(queuedIds::add).toList();
        if (fresh.isEmpty()) {
            return null;
        }
        Order order = new Order(fresh);
        lane.orders.add(order);
        return order;
    }

    /**
     * Starts groups of the callers' lane, this order's among them, until this order has been tried. The
     * lanes do not wait for each other: starts take no lock but their own case rows', as on several nodes.
     */
    private void awaitTried(Order mine) {
        while (!mine.tried) {
            callers.starting.lock();
            try {
                // under the lock, an order not yet tried is still in the lane: every group taken is tried
                // before the lock is let go
                if (!mine.tried) {
                    startGroup(nextGroup(callers));
                }
            } finally {
                callers.starting.unlock();
            }
        }
    }

    /** The starter: each wake-up works the queue off, a group at a time, letting callers in between. */
    private void work() {
        while (running) {
            try {
                queued.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queued.drainPermits();
            while (running && !queue.orders.isEmpty()) {
                startNextGroup();
            }
        }
    }

    private void startNextGroup() {
        queue.starting.lock();
        try {
            List<Order> group = nextGroup(queue);
            if (!group.isEmpty()) {
                startGroup(group);
            }
        } finally {
            queue.starting.unlock();
        }
    }

    /**
     * The lane's orders first in line, up to {@link #MAX_CASES_TOGETHER} cases in all (one order may be
     * larger). Called under the lane's lock: no one else takes from it meanwhile.
     */
    private static List<Order> nextGroup(Lane lane) {
        List<Order> group = new ArrayList<>();
        int size = 0;
        for (Order next = lane.orders.peek();
                next != null && (group.isEmpty() || size + next.caseIds.size() <= MAX_CASES_TOGETHER);
                next = lane.orders.peek()) {
            group.add(lane.orders.poll());
            size += next.caseIds.size();
        }
        return group;
    }

    private void startGroup(List<Order> group) {
        try {
            if (group.size() > 1) {
                try {
                    together.executeWithoutResult(tx -> workflow.startAll(unstarted(group.stream()
                            .flatMap(order -> order.caseIds.stream())
                            .toList())));
                    return;
                } catch (RuntimeException e) {
                    log.info(
                            "The processes of {} orders did not start together; starting each order's alone: {}",
                            group.size(),
                            e.toString());
                }
            }
            group.forEach(order -> startAlone(order.caseIds));
        } finally {
            for (Order order : group) {
                order.caseIds.forEach(queuedIds::remove);
                order.tried = true;
            }
        }
    }

    private void startAlone(List<String> caseIds) {
        if (caseIds.size() > 1) {
            try {
                together.executeWithoutResult(tx -> workflow.startAll(unstarted(caseIds)));
                return;
            } catch (RuntimeException e) {
                log.info(
                        "The processes of cases {} did not start together; starting them one by one: {}",
                        caseIds,
                        e.toString());
            }
        }
        for (String caseId : caseIds) {
            try {
                startProcess(caseId);
            } catch (RuntimeException e) {
                log.warn(
                        "The process of case {} did not start now; it will be started later: {}", caseId, e.toString());
            }
        }
    }

    /**
     * Starts the process of a registered case if it has none yet. The start is an engine command: its own
     * transaction, or part of the caller's.
     */
    private void startProcess(String caseId) {
        unstarted(caseId).ifPresent(workflow::start);
    }

    private List<OpenCase> unstarted(List<String> caseIds) {
        return caseIds.stream().flatMap(id -> unstarted(id).stream()).toList();
    }

    /**
     * The registered case, unless its process has started since it was queued: the sweep reads the cases
     * without a process while the starter may be starting them. Read anyway to start the case, so the check
     * costs nothing; a start that commits after the read still fails on the case row and rolls back.
     */
    private Optional<OpenCase> unstarted(String caseId) {
        CaseRecord registered = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        return registered.processInstanceId() == null ? Optional.of(registered.opened()) : Optional.empty();
    }

    // -- the starter's lifecycle: it runs while the web server takes requests, and a little longer ----------

    @Override
    public void start() {
        running = true;
        starter = new Thread(this::work, "case-starter");
        starter.setDaemon(true);
        starter.start();
    }

    @Override
    public void stop() {
        running = false;
        queued.release();
        try {
            starter.join(DRAIN_ON_STOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long deadline = System.nanoTime() + DRAIN_ON_STOP.toNanos();
        while (!queue.orders.isEmpty() && System.nanoTime() < deadline) {
            startNextGroup();
        }
        if (queuedIds.size() > 0) {
            log.warn(
                    "Stopping with {} case(s) not yet started; the unstarted-case sweep starts them", queuedIds.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (no order is answered after it) and before the engine and the database. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
