package io.backorderengine.backorder;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import io.backorderengine.system.RecordRows;
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

    private static final int DETAIL_LIMIT = 2000;

    private final JdbcClient jdbc;
    private final Clock clock;

    CaseLedger(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String caseId, CaseLedgerKind kind, String actor, String detail) {
        String bounded = detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
        jdbc.sql("insert into case_ledger (case_id, occurred_at, kind, actor, detail) values (?, ?, ?, ?, ?)")
                .params(caseId, LocalDateTime.now(clock), kind.name(), actor, bounded)
                .update();
    }

    public List<Entry> entries(String caseId) {
        return jdbc.sql("select occurred_at, kind, actor, detail from case_ledger where case_id = ? order by entry_id")
                .param(caseId)
                .query(ENTRY_ROWS)
                .list();
    }
}
