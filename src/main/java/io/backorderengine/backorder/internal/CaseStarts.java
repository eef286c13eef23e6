package io.backorderengine.backorder.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

import io.backorderengine.backorder.CaseNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the processes of cases opened and committed, each order's cases in one transaction, so that they
 * reach their notice together and the first notice lists every short line of the order.
 *
 * <p>Orders that arrive while a start is running are started together, in one transaction, by whichever
 * of their callers gets there first (a group commit): a commit costs more than a start's own work (H2
 * writes every page the transaction touched, PostgreSQL flushes its log), and under a peak the callers
 * would otherwise queue for the database one commit at a time. A lone order starts at once, alone. Each
 * caller returns once its own cases are started, as if it had started them itself.
 *
 * <p>If a group fails, each order is started on its own, then each case; one that fails then too (the node
 * stops, the database is away) is started later by {@link UnstartedCases}: the case is safe in our tables.
 */
@Component
public class CaseStarts {

    private static final Logger log = LoggerFactory.getLogger(CaseStarts.class);
    /** Enough to share a commit among every request of a busy node, small enough to keep a start short. */
    static final int MAX_CASES_TOGETHER = 32;

    private final CaseWorkflow workflow;
    private final CaseRepository cases;
    private final TransactionTemplate together;
    private final Queue<Order> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock starting = new ReentrantLock();

    CaseStarts(CaseWorkflow workflow, CaseRepository cases, PlatformTransactionManager transactions) {
        this.workflow = workflow;
        this.cases = cases;
        this.together = new TransactionTemplate(transactions);
    }

    /** The cases of one order, and whether their start has been tried. */
    private static final class Order {
        final List<String> caseIds;
        volatile boolean tried;

        Order(List<String> caseIds) {
            this.caseIds = caseIds;
        }
    }

    /** Starts the processes of one order's cases, with those of other orders waiting now; never throws. */
    public void start(List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        Order mine = new Order(caseIds);
        waiting.add(mine);
        while (!mine.tried) {
            starting.lock();
            try {
                if (!mine.tried) {
                    startGroup(nextGroup());
                }
            } finally {
                starting.unlock();
            }
        }
    }

    /** The orders first in line, at least one, up to {@link #MAX_CASES_TOGETHER} cases in all. */
    private List<Order> nextGroup() {
        List<Order> group = new ArrayList<>();
        int size = 0;
        for (Order next = waiting.peek();
                next != null && (group.isEmpty() || size + next.caseIds.size() <= MAX_CASES_TOGETHER);
                next = waiting.peek()) {
            group.add(waiting.poll());
            size += next.caseIds.size();
        }
        return group;
    }

    private void startGroup(List<Order> group) {
        try {
            if (group.size() > 1) {
                try {
                    together.executeWithoutResult(
                            tx -> group.forEach(order -> order.caseIds.forEach(this::startProcess)));
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
            group.forEach(order -> order.tried = true);
        }
    }

    private void startAlone(List<String> caseIds) {
        if (caseIds.size() > 1) {
            try {
                together.executeWithoutResult(tx -> caseIds.forEach(this::startProcess));
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
     * Starts the process of a registered case that has none yet. The start is an engine command: its own
     * transaction, or part of the caller's.
     */
    private void startProcess(String caseId) {
        workflow.start(cases.find(caseId)
                .orElseThrow(() -> new CaseNotFoundException(caseId))
                .opened());
    }
}
