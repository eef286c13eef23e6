package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The user tasks of a case as agents worked them, kept in our own table for the case view and KPIs. */
@Service
public class CaseTasks {

    private static final RecordRows<Task> TASK_ROWS = RecordRows.of(Task.class);

    /** A task as the case view shows it. */
    public record Task(
            String taskId,
            String taskKey,
            String name,
            String candidateGroup,
            LocalDateTime createdAt,
            LocalDateTime dueAt,
            LocalDateTime completedAt,
            String completedBy,
            String outcome) {}

    private final JdbcClient jdbc;
    private final CaseLedger ledger;
    private final Clock clock;

    CaseTasks(JdbcClient jdbc, CaseLedger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    public void created(
            String caseId, String taskId, String taskKey, String name, String candidateGroup, LocalDateTime dueAt) {
        jdbc.sql("""
                        insert into case_task (task_id, case_id, task_key, name, candidate_group, created_at, due_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(taskId, caseId, taskKey, name, candidateGroup, LocalDateTime.now(clock), dueAt)
                .update();
        ledger.record(
                caseId,
                CaseLedgerKind.TASK_CREATED,
                null,
                name + (candidateGroup == null ? "" : " for " + candidateGroup));
    }

    public void completed(String caseId, String taskId, String name, String completedBy, String outcome) {
        jdbc.sql("update case_task set completed_at = ?, completed_by = ?, outcome = ? where task_id = ?")
                .params(LocalDateTime.now(clock), completedBy, outcome, taskId)
                .update();
        ledger.record(
                caseId, CaseLedgerKind.TASK_COMPLETED, completedBy, outcome == null ? name : name + ": " + outcome);
    }

    /** A task that ended without being completed (the case moved on, e.g. the stock arrived). */
    public void withdrawn(String caseId, String taskId, String name) {
        jdbc.sql("update case_task set completed_at = ?, outcome = ? where task_id = ? and completed_at is null")
                .params(LocalDateTime.now(clock), "withdrawn", taskId)
                .update();
        ledger.record(caseId, CaseLedgerKind.TASK_WITHDRAWN, null, name);
    }

    public List<Task> of(String caseId) {
        return jdbc.sql("""
                        select task_id, task_key, name, candidate_group, created_at, due_at, completed_at, completed_by, outcome
                        from case_task where case_id = ? order by created_at, task_id""").param(caseId).query(TASK_ROWS).list();
    }
}
