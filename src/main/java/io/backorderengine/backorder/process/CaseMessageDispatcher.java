package io.backorderengine.backorder.process;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.internal.CaseInbox;
import io.backorderengine.backorder.internal.CaseMessage;
import io.backorderengine.backorder.internal.CaseSweeps;
import io.backorderengine.system.ConnectionDemand;
import io.backorderengine.system.RecordRows;
import jakarta.annotation.PreDestroy;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued case messages to the case's process instance by business key (an indexed lookup).
 *
 * <p>Each message is tried right after the transaction that queued it commits; the messages one
 * transaction queued (a receipt wakes many cases) are delivered {@value #DELIVERED_TOGETHER} to a
 * transaction, and one by one where such a group fails. A case that is busy
 * (another transaction changing it at the same moment) or not yet able to take the message is tried
 * again by a sweep, with growing pauses; several nodes may sweep at once because a delivery locks its
 * row and re-checks it. Delivery and "delivered" commit together, so a message reaches the case once.
 */
@Component
class CaseMessageDispatcher implements SchedulingConfigurer, ConnectionDemand {

    private static final RecordRows<Pending> PENDING_ROWS = RecordRows.of(Pending.class);

    private static final Logger log = LoggerFactory.getLogger(CaseMessageDispatcher.class);
    private static final int IMMEDIATE_ATTEMPTS = 3;
    /**
     * Messages correlated in one engine command and one transaction, after a commit that queued several:
     * the engine then writes the whole group in one flush and commits once (a 100-unit receipt,
     * docs/benchmarks.md: about a sixth less per woken case). Small enough that a busy case, which sends its
     * group back one by one, costs little.
     */
    private static final int DELIVERED_TOGETHER = 20;

    private static final int SWEEP_BATCH = 100;
    private static final Duration MAX_PAUSE = Duration.ofMinutes(5);

    /** How a message left the queue; stored by name in {@code case_message.outcome} (a CHECK lists them). */
    private enum Outcome {
        /** The case took it. */
        DELIVERED,
        /** The case had ended. */
        DISCARDED,
        /** It could not be delivered within its attempts. */
        FAILED
    }

    private final OpenCalls openCalls;
    private final JobsGiveWay jobsGiveWay;
    private final DeliveryHelpers helpers;

    private record Pending(long messageId, String caseId, String messageName, String variables, int attempts) {}

    private final JdbcClient jdbc;
    private final RuntimeService runtime;
    private final CommandExecutor engineCommands;
    private final IdentityService identity;
    private final CaseLedger ledger;
    private final ObjectMapper json;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration sweepInterval;

    CaseMessageDispatcher(
            JdbcClient jdbc,
            RuntimeService runtime,
            ProcessEngineConfigurationImpl engineConfiguration,
            IdentityService identity,
            CaseLedger ledger,
            ObjectMapper json,
            PlatformTransactionManager transactions,
            Clock clock,
            CaseSweeps sweeps,
            OpenCalls openCalls,
            JobsGiveWay jobsGiveWay) {
        this.jdbc = jdbc;
        this.jobsGiveWay = jobsGiveWay;
        this.openCalls = openCalls;
        this.runtime = runtime;
        this.engineCommands = engineConfiguration.getCommandExecutorTxRequired();
        this.identity = identity;
        this.ledger = ledger;
        this.json = json;
        this.clock = clock;
        this.maxAttempts = sweeps.messages().maxAttempts();
        this.sweepInterval = sweeps.messages().sweepInterval();
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.helpers = new DeliveryHelpers(sweeps.messages().deliveryThreads() - 1);
    }

    /** A helper holds a connection while it delivers; the thread it helps has its own. */
    @Override
    public int connections() {
        return helpers.count();
    }

    @Override
    public String heldBy() {
        return "case message delivery helpers";
    }

    @Override
    public String setting() {
        return "backorder.messages.delivery-threads minus 1";
    }

    @PreDestroy
    void stopHelpers() {
        helpers.shutdown();
    }

    /**
     * Collects the messages of the transaction that queues them, to deliver after it commits. Outside
     * a transaction nothing was committed to deliver from: the sweep finds the row.
     */
    @EventListener
    void onQueued(CaseInbox.MessageQueued queued) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        QueuedInTransaction queue = (QueuedInTransaction) TransactionSynchronizationManager.getResource(this);
        if (queue == null) {
            queue = new QueuedInTransaction();
            TransactionSynchronizationManager.bindResource(this, queue);
            TransactionSynchronizationManager.registerSynchronization(queue);
        }
        queue.messages.add(queued);
    }

    /** The messages one transaction queued; delivered once it has committed. */
    private final class QueuedInTransaction implements TransactionSynchronization {

        private final List<CaseInbox.MessageQueued> messages = new ArrayList<>();

        @Override
        public void afterCompletion(int status) {
            // unbound first: a delivery's own transaction may queue messages of its own
            TransactionSynchronizationManager.unbindResourceIfPossible(CaseMessageDispatcher.this);
            if (status == STATUS_COMMITTED) {
                deliverAll(messages);
            }
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, sweepInterval, sweepInterval));
    }

    void sweep() {
        try {
            List<Long> due = jdbc.sql("""
                            select message_id from case_message where delivered_at is null and next_attempt_at <= ?
                            order by message_id fetch first %d rows only""".formatted(SWEEP_BATCH))
                    .param(LocalDateTime.now(clock))
                    .query(Long.class)
                    .list();
            due.forEach(id -> deliver(id, 1));
        } catch (DataAccessException | TransactionException unavailable) {
            // the database is restarting or busy: the messages wait for the next sweep
            log.warn("Case message sweep skipped: {}", unavailable.getMessage());
        }
    }

    /** Tries a message a few times; what cannot be delivered now stays queued for the sweep. */
    void deliver(long messageId, int attempts) {
        asSystem(() -> tryDelivering(messageId, attempts));
    }

    /**
     * Delivers messages in groups, each group in one transaction; a group that fails, one by one. Groups that
     * share no case go to several threads at once: waking a case is the engine's work, on the CPU and in
     * round trips to the database (docs/benchmarks.md), so one thread leaves a core idle while a receipt
     * wakes hundreds.
     */
    void deliverAll(List<CaseInbox.MessageQueued> messages) {
        if (messages.size() > 1 && helpers.count() > 0 && eachCaseOnce(messages)) {
            // a share for every thread (60 wake-ups: 5 groups of 12, not 3 of 20 with two threads idle)
            int threads = helpers.count() + 1;
            int share = Math.min(DELIVERED_TOGETHER, (messages.size() + threads - 1) / threads);
            try (JobsGiveWay.Burst burst = jobsGiveWay.burst()) {
                helpers.deliver(groups(messages, share), this::deliverGroup);
            }
        } else {
            groups(messages).forEach(this::deliverGroup);
        }
    }

    private void deliverGroup(List<CaseInbox.MessageQueued> group) {
        asSystem(() -> {
            if (group.size() == 1 || !deliveredTogether(group)) {
                group.forEach(message -> deliverAlone(message.messageId()));
            }
        });
    }

    /** A case's messages must reach it in the order queued, so they are never delivered side by side. */
    private static boolean eachCaseOnce(List<CaseInbox.MessageQueued> messages) {
        Set<String> cases = new HashSet<>();
        return messages.stream().allMatch(message -> cases.add(message.caseId()));
    }

    /**
     * Groups of up to {@value #DELIVERED_TOGETHER} in the order queued, with each case at most once: a
     * case's next message must find what its previous one changed (a call task opened, a scope left),
     * which the engine writes only when the group's command ends.
     */
    static List<List<CaseInbox.MessageQueued>> groups(List<CaseInbox.MessageQueued> messages) {
        return groups(messages, DELIVERED_TOGETHER);
    }

    /** As {@link #groups(List)}, with at most {@code size} messages to a group. */
    static List<List<CaseInbox.MessageQueued>> groups(List<CaseInbox.MessageQueued> messages, int size) {
        List<List<CaseInbox.MessageQueued>> groups = new ArrayList<>();
        List<CaseInbox.MessageQueued> group = new ArrayList<>();
        Set<String> cases = new HashSet<>();
        for (CaseInbox.MessageQueued message : messages) {
            if (group.size() == size || cases.contains(message.caseId())) {
                groups.add(group);
                group = new ArrayList<>();
                cases.clear();
            }
            group.add(message);
            cases.add(message.caseId());
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        return groups;
    }

    /** One message's fault is not the next one's: what fails here stays queued for the sweep. */
    private void deliverAlone(long messageId) {
        try {
            tryDelivering(messageId, IMMEDIATE_ATTEMPTS);
        } catch (RuntimeException fault) {
            log.warn("Case message {} not delivered now; the sweep tries it again", messageId, fault);
        }
    }

    /**
     * Delivery is the system's work, not the user's whose transaction queued the message (an agent
     * completing a task may not update process instances); the sweep runs as nobody too.
     */
    private void asSystem(Runnable delivery) {
        Authentication caller = identity.getCurrentAuthentication();
        identity.clearAuthentication();
        try {
            delivery.run();
        } finally {
            if (caller != null) {
                identity.setAuthentication(caller);
            }
        }
    }

    /**
     * All of the group or none of it: any failure (a busy case, a case not ready, a fault in a step the
     * message runs) rolls the group back, and each message is then tried on its own, as a single
     * delivery would be, with its own retries and its own record of what went wrong.
     */
    private boolean deliveredTogether(List<CaseInbox.MessageQueued> group) {
        try {
            // One engine command around the group: its correlations share one command context, so the engine
            // writes what they changed in one flush (JDBC batches), not one flush per message.
            ownTransaction.executeWithoutResult(tx -> engineCommands.execute(context -> {
                deliverNow(
                        group.stream().map(CaseInbox.MessageQueued::messageId).toList());
                return null;
            }));
            return true;
        } catch (RuntimeException groupFailed) {
            log.debug("{} case messages delivered one by one: {}", group.size(), groupFailed.toString());
            return false;
        }
    }

    private void tryDelivering(long messageId, int attempts) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                ownTransaction.executeWithoutResult(tx -> deliverNow(List.of(messageId)));
                return;
            } catch (OptimisticLockingException | MismatchingMessageCorrelationException e) {
                last = e; // busy, or not ready for it: at once again
            } catch (DataAccessException | TransactionException unavailable) {
                throw unavailable; // the database: nothing can be recorded now; the sweep comes back
            } catch (RuntimeException fault) {
                // a fault in the message or in a step it runs counts as an attempt, so that it ends FAILED
                // instead of being tried for ever, and a sweep goes on to the messages behind it
                log.warn("Case message {} could not be delivered: {}", messageId, fault.toString());
                last = fault;
                break;
            }
        }
        RuntimeException cause = last;
        ownTransaction.executeWithoutResult(tx -> postpone(messageId, cause));
    }

    /**
     * Delivers the messages still pending among these, in the order they were queued (their ids). Their rows
     * are locked in one statement (in id order, as every node locks them) and marked in one: two statements
     * for a group instead of two for each of its messages.
     */
    private void deliverNow(List<Long> messageIds) {
        List<Long> correlated = new ArrayList<>();
        // a message missing here was delivered meanwhile, by another node or an earlier attempt
        for (Pending message : lockPending(messageIds)) {
            String note = deliverTo(message);
            if (note == null) {
                correlated.add(message.messageId());
            } else {
                markDelivered(message.messageId(), Outcome.DELIVERED, note);
            }
        }
        if (!correlated.isEmpty()) {
            markDelivered(correlated, Outcome.DELIVERED, null);
        }
    }

    private List<Pending> lockPending(List<Long> messageIds) {
        return jdbc.sql("""
                        select message_id, case_id, message_name, variables, attempts from case_message
                        where message_id in (:ids) and delivered_at is null order by message_id for update""").param("ids", messageIds).query(PENDING_ROWS).list();
    }

    /** Hands the message to its case; returns a note when something other than the process took it. */
    private String deliverTo(Pending message) {
        try (var logged = MDC.putCloseable("caseId", message.caseId())) {
            if (message.messageName().equals(CaseMessage.AGENT_CONTACT_NEEDED.messageName())
                    && openCalls.askAgain(message.caseId(), contactReason(message))) {
                return "taken by the case's open call task";
            }
            runtime.createMessageCorrelation(message.messageName())
                    .processInstanceBusinessKey(message.caseId())
                    .setVariables(variables(message))
                    .correlateWithResult();
            return null;
        }
    }

    private void postpone(long messageId, RuntimeException cause) {
        Pending message = lockPending(List.of(messageId)).stream().findFirst().orElse(null);
        if (message == null) {
            return;
        }
        if (caseHasEnded(message.caseId())) {
            markDelivered(messageId, Outcome.DISCARDED, "the case has ended");
            ledger.record(
                    message.caseId(),
                    CaseLedgerKind.MESSAGE_DISCARDED,
                    null,
                    message.messageName() + ": the case has ended");
            return;
        }
        int attempts = message.attempts() + 1;
        String error = cause == null ? null : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        if (attempts >= maxAttempts) {
            markDelivered(messageId, Outcome.FAILED, error);
            ledger.record(
                    message.caseId(),
                    CaseLedgerKind.MESSAGE_FAILED,
                    null,
                    message.messageName() + " after " + attempts + " attempts");
            log.error(
                    "Case message {} ({}) for case {} could not be delivered after {} attempts: {}",
                    messageId,
                    message.messageName(),
                    message.caseId(),
                    attempts,
                    error);
            return;
        }
        Duration pause = Duration.ofSeconds(1L << Math.min(attempts, 16));
        jdbc.sql("update case_message set attempts = ?, next_attempt_at = ?, last_error = ? where message_id = ?")
                .params(
                        attempts,
                        LocalDateTime.now(clock).plus(pause.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause),
                        error == null ? null : error.substring(0, Math.min(error.length(), 1000)),
                        messageId)
                .update();
        log.info(
                "Case {} is busy; {} will be tried again (attempt {})",
                message.caseId(),
                message.messageName(),
                attempts);
    }

    /**
     * A case has ended when it is closed, or when its process is gone. An open case whose process has not
     * started yet (intake starts it just after the order commits) has not: its messages wait for it.
     */
    private boolean caseHasEnded(String caseId) {
        List<String> open = jdbc.sql(
                        "select coalesce(process_instance_id, '') from backorder_case where case_id = ? and status = ?")
                .params(caseId, CaseStatus.OPEN.name())
                .query(String.class)
                .list();
        if (open.isEmpty()) {
            return true;
        }
        return !open.get(0).isEmpty()
                && runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey(caseId)
                                .count()
                        == 0;
    }

    private void markDelivered(long messageId, Outcome outcome, String error) {
        markDelivered(List.of(messageId), outcome, error);
    }

    private void markDelivered(List<Long> messageIds, Outcome outcome, String error) {
        jdbc.sql("""
                        update case_message set delivered_at = :at, outcome = :outcome, last_error = :error
                        where message_id in (:ids)""")
                .param("at", LocalDateTime.now(clock))
                .param("outcome", outcome.name())
                .param("error", error)
                .param("ids", messageIds)
                .update();
    }

    private String contactReason(Pending message) {
        return String.valueOf(variables(message).getOrDefault(BackorderProcess.CONTACT_REASON.name(), "asked again"));
    }

    private Map<String, Object> variables(Pending message) {
        try {
            return message.variables() == null
                    ? Map.of()
                    : json.readValue(message.variables(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("unreadable variables in case message " + message.messageId(), e);
        }
    }
}
