package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Records every step of a case as it happens. Timelines, KPIs and the case view read this table
 * with SQL instead of looping over the engine's history.
 */
@Service
public class CaseLedger {

    private static final RecordRows<Entry> ENTRY_ROWS = RecordRows.of(Entry.class);

    /** One line of a case's timeline. */
    public record Entry(LocalDateTime occurredAt, CaseLedgerKind kind, String actor, String detail) {}

    /** A line to record, with others, in one batch. */
    public record NewEntry(String caseId, CaseLedgerKind kind, String actor, String detail) {}

    private static final int DETAIL_LIMIT = 2000;
    private static final String INSERT =
            "insert into case_ledger (case_id, occurred_at, kind, actor, detail) values (?, ?, ?, ?, ?)";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;

    CaseLedger(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
    }

    public void record(String caseId, CaseLedgerKind kind, String actor, String detail) {
        recordAll(List.of(new NewEntry(caseId, kind, actor, detail)));
    }

    /** Several lines, for several cases, in one batch and in the order given. */
    public void recordAll(List<NewEntry> entries) {
        LocalDateTime now = LocalDateTime.now(clock);
        batch.batchUpdate(INSERT, entries, entries.size(), (statement, entry) -> {
            statement.setString(1, entry.caseId());
            statement.setObject(2, now);
            statement.setString(3, entry.kind().name());
            statement.setString(4, entry.actor());
            statement.setString(5, bounded(entry.detail()));
        });
    }

    private static String bounded(String detail) {
        return detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
    }

    public List<Entry> entries(String caseId) {
        return jdbc.sql("select occurred_at, kind, actor, detail from case_ledger where case_id = ? order by entry_id")
                .param(caseId)
                .query(ENTRY_ROWS)
                .list();
    }
}
