package io.backorderengine.backorder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.OpenCase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;

/**
 * The queue between intake's answer and the cases' starts: what waits for what. The engine is replaced by a
 * workflow that records the starts and can be held, since only then can a test decide when a start ends;
 * the application tests run the same class on the real engine.
 */
// a start held by mistake fails the test instead of hanging the build; in a thread of its own, since a caller
// blocked on a lock does not answer an interrupt
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CaseStartsTests {

    private final HeldWorkflow workflow = new HeldWorkflow();
    private final CountingTransactions transactions = new CountingTransactions();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Cases cases = new Cases();
    private CaseStarts starts;

    @AfterEach
    void stop() {
        workflow.release();
        if (starts != null && starts.isRunning()) {
            starts.stop();
        }
    }

    @Test
    void intakeReturnsBeforeTheStartAndTheStarterStartsTheCasesOfAnOrderTogether() {
        starts = running(100);
        workflow.hold();

        starts.startSoon(List.of("A-1", "A-2"));

        assertThat(workflow.started()).isEmpty();
        assertThat(queued()).isEqualTo(2);
        workflow.release();
        await().until(() -> workflow.started().size() == 2);
        assertThat(workflow.started()).containsExactly("A-1", "A-2");
        await().until(() -> queued() == 0);
        assertThat(transactions.committed.get()).isEqualTo(1);
    }

    @Test
    void ordersQueuedWhileAStartRunsStartTogetherInTheNextTransaction() {
        starts = running(100);
        starterBusyWith("A-1");

        starts.startSoon(List.of("B-1"));
        starts.startSoon(List.of("C-1"));
        starts.startSoon(List.of("D-1"));
        workflow.release();

        await().until(() -> workflow.started().size() == 4);
        assertThat(workflow.started()).containsExactly("A-1", "B-1", "C-1", "D-1");
        // a lone case starts in the engine's own transaction; the three queued behind it share one
        await().until(() -> transactions.committed.get() == 1);
    }

    @Test
    void beyondTheQueuesLimitIntakeStartsItsOwnCasesAtOnceWithoutWaitingForTheQueue() {
        starts = running(2);
        starterBusyWith("A-1");
        starts.startSoon(List.of("B-1")); // two queued: at the limit, not beyond it

        starts.startSoon(List.of("C-1", "C-2"));

        // answered once its own cases have started, in one transaction, while the two ahead of it still wait
        assertThat(workflow.started()).containsExactly("C-1", "C-2");
        assertThat(transactions.committed.get()).isEqualTo(1);
        assertThat(queued()).isEqualTo(2);
        workflow.release();
        await().until(() -> queued() == 0);
        assertThat(workflow.started()).containsExactly("C-1", "C-2", "A-1", "B-1");
    }

    @Test
    void aStartWaitedOnDoesNotWaitForTheQueue() {
        starts = running(100);
        starterBusyWith("A-1");
        starts.startSoon(List.of("B-1"));

        starts.start(List.of("C-1", "C-2")); // the sweep, or an order placed again with cases missing

        assertThat(workflow.started()).containsExactly("C-1", "C-2");
        workflow.release();
        await().until(() -> queued() == 0);
        assertThat(workflow.started()).containsExactly("C-1", "C-2", "A-1", "B-1");
    }

    @Test
    void ordersBeyondTheLimitThatArriveWhileOneOfThemStartsStartTogetherAfterIt() {
        starts = running(1);
        starterBusyWith("A-1"); // the queue at its limit
        workflow.hold("C-1");
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> starts.startSoon(List.of("C-1")));
        await().until(() -> workflow.entered.get() == 2);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> starts.startSoon(List.of("D-1")));
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> starts.startSoon(List.of("E-1")));
        await().until(() -> queued() == 4);
        workflow.release("C-1");

        CompletableFuture.allOf(first, second, third).join();
        assertThat(workflow.started()).containsExactlyInAnyOrder("C-1", "D-1", "E-1");
        // C-1 alone in the engine's own transaction; the two that waited behind it in one
        assertThat(transactions.committed.get()).isEqualTo(1);
    }

    @Test
    void aCaseWhoseProcessStartedSinceItWasQueuedIsLeftOutAndTheOthersStartTogether() {
        starts = running(100);
        starterBusyWith("A-1");
        starts.startSoon(List.of("B-1"));
        starts.startSoon(List.of("C-1"));

        cases.startedElsewhere("B-1"); // by the sweep on another node, say
        workflow.release();

        await().until(() -> queued() == 0);
        assertThat(workflow.started()).containsExactly("A-1", "C-1");
        assertThat(transactions.committed.get()).isEqualTo(1);
    }

    @Test
    void aCaseThatCannotStartIsLeftForTheSweepAndTheOthersStart() {
        starts = running(100);
        workflow.failing = "B-1";
        starterBusyWith("A-1");
        starts.startSoon(List.of("B-1"));
        starts.startSoon(List.of("C-1"));
        workflow.release();

        await().until(() -> queued() == 0);
        assertThat(workflow.started()).containsExactly("A-1", "C-1");
    }

    @Test
    void theSameCaseQueuedTwiceStartsOnce() {
        starts = running(100);
        starterBusyWith("A-1");
        starts.startSoon(List.of("B-1"));

        starts.startSoon(List.of("B-1")); // the order placed again while its start is queued
        workflow.release();

        await().until(() -> queued() == 0);
        assertThat(workflow.started()).containsExactly("A-1", "B-1");
    }

    @Test
    void aStoppingNodeStartsWhatItHasQueued() {
        starts = running(100);
        starterBusyWith("A-1");
        starts.startSoon(List.of("B-1"));

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(starts::stop);
        workflow.release();
        stopping.join();

        assertThat(workflow.started()).containsExactly("A-1", "B-1");
        assertThat(starts.isRunning()).isFalse();
    }

    @Test
    void aStoppedNodeStartsAnOrdersCasesBeforeAnsweringIt() {
        starts = new CaseStarts(workflow, cases, transactions, sweeps(100), metrics);

        starts.startSoon(List.of("A-1"));

        assertThat(workflow.started()).containsExactly("A-1");
    }

    /** Queues the case and holds its start in the engine: the starter is busy until the workflow is released. */
    private void starterBusyWith(String caseId) {
        workflow.hold(caseId);
        starts.startSoon(List.of(caseId));
        await().until(() -> workflow.entered.get() == 1);
    }

    private CaseStarts running(int maxQueued) {
        CaseStarts started = new CaseStarts(workflow, cases, transactions, sweeps(maxQueued), metrics);
        started.start();
        return started;
    }

    private double queued() {
        return metrics.get("backorder.intake.starts.queued").gauge().value();
    }

    private static CaseSweeps sweeps(int maxQueued) {
        return new CaseSweeps(
                new CaseSweeps.Intake(Duration.ofSeconds(30), Duration.ofSeconds(30), maxQueued),
                new CaseSweeps.Messages(Duration.ofSeconds(5), 30, 1, 1),
                new CaseSweeps.Outcomes(Duration.ofMillis(200)));
    }

    /** Starts cases by recording them; starts can be held until released, and one case can fail. */
    private static final class HeldWorkflow implements CaseWorkflow {
        private static final String EVERY_CASE = "*";
        private final List<String> started = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger entered = new AtomicInteger();
        /** Held starts by case id; {@link #EVERY_CASE} holds those of no id of their own. */
        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

        private volatile String failing;

        void hold() {
            hold(EVERY_CASE);
        }

        void hold(String caseId) {
            held.put(caseId, new CountDownLatch(1));
        }

        void release(String caseId) {
            held.remove(caseId).countDown();
        }

        void release() {
            held.values().forEach(CountDownLatch::countDown);
            held.clear();
        }

        List<String> started() {
            synchronized (started) {
                return List.copyOf(started);
            }
        }

        @Override
        public void start(OpenCase registered) {
            entered.incrementAndGet();
            CountDownLatch gate = held.getOrDefault(registered.caseId(), held.get(EVERY_CASE));
            if (gate != null) {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (registered.caseId().equals(failing)) {
                throw new IllegalStateException("the engine refuses " + registered.caseId());
            }
            started.add(registered.caseId());
        }

        @Override
        public void startAll(List<OpenCase> registered) {
            registered.forEach(this::start);
        }

        @Override
        public void rank(String caseId) {}
    }

    /** Counts transactions that commit; a start that throws rolls its transaction back. */
    private static final class CountingTransactions implements PlatformTransactionManager {
        private final AtomicInteger committed = new AtomicInteger();

        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
            committed.incrementAndGet();
        }

        @Override
        public void rollback(TransactionStatus status) {}
    }

    /** Every case id names a registered case (order id, a dash, line id); some have their process already. */
    private static final class Cases extends CaseRepository {
        private final Set<String> started = ConcurrentHashMap.newKeySet();

        Cases() {
            super(null);
        }

        void startedElsewhere(String caseId) {
            started.add(caseId);
        }

        @Override
        public Optional<CaseRecord> find(String caseId) {
            int dash = caseId.lastIndexOf('-');
            return Optional.of(new CaseRecord(
                    caseId,
                    caseId.substring(0, dash),
                    caseId.substring(dash + 1),
                    "SKU-1",
                    1,
                    1,
                    BigDecimal.TEN,
                    "C-1",
                    "Customer",
                    "customer@example.com",
                    null,
                    "STANDARD",
                    "en",
                    "UTC",
                    CaseStatus.OPEN,
                    started.contains(caseId) ? "process-of-" + caseId : null,
                    LocalDateTime.of(2026, 12, 1, 9, 0),
                    null,
                    null,
                    null,
                    0,
                    false,
                    null,
                    false));
        }
    }
}
