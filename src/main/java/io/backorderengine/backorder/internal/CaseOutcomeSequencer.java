package io.backorderengine.backorder.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed outcomes their feed positions, 1, 2, 3, ... in the order this sees them. Identity
 * values cannot serve: a transaction that drew a lower one may commit after one that drew a higher one,
 * and a reader paging by them would skip it. Every node runs this; the head row's lock makes them take
 * turns, and an outcome whose transaction commits later simply gets a later position.
 */
@Component
class CaseOutcomeSequencer implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(CaseOutcomeSequencer.class);
    /** Outcomes positioned per turn; a backlog takes several turns, each short. */
    private static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final CaseSweeps sweeps;

    CaseOutcomeSequencer(
            JdbcClient jdbc, JdbcTemplate batch, PlatformTransactionManager transactions, CaseSweeps sweeps) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.sweeps = sweeps;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        var interval = sweeps.outcomes().sequenceInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(this::sequenceAll, interval, interval));
    }

    void sequenceAll() {
        try {
            while (Boolean.TRUE.equals(transaction.execute(tx -> sequence() == BATCH))) {
                // a full batch: there may be more
            }
        } catch (DataAccessException e) {
            log.warn("Outcomes were not put in the feed this time; the next turn tries again: {}", e.toString());
        }
    }

    /** One turn: the head row locked, the next outcomes without a position numbered after it. */
    int sequence() {
        long last = jdbc.sql("select last_position from case_outcome_head where head_id = 1 for update")
                .query(Long.class)
                .single();
        List<Long> waiting = jdbc.sql("""
                        select outcome_id from case_outcome where position is null
                        order by outcome_id fetch first %d rows only""".formatted(BATCH)).query(Long.class).list();
        if (waiting.isEmpty()) {
            return 0;
        }
        List<Object[]> positions = new ArrayList<>(waiting.size());
        for (int i = 0; i < waiting.size(); i++) {
            positions.add(new Object[] {last + 1 + i, waiting.get(i)});
        }
        batch.batchUpdate("update case_outcome set position = ? where outcome_id = ?", positions);
        jdbc.sql("update case_outcome_head set last_position = ? where head_id = 1")
                .param(last + waiting.size())
                .update();
        return waiting.size();
    }
}
