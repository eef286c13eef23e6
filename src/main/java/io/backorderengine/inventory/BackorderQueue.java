package io.backorderengine.inventory;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Backordered demand waiting for stock. The line of a SKU is ordered by {@code queue_rank} (then case
 * id), an indexed column set once when a case starts waiting (and again when a supervisor changes its
 * priority): receipts read the line in index order and never evaluate a policy per waiting case.
 */
@Repository
class BackorderQueue {

    private static final RecordRows<Demand> DEMAND_ROWS = RecordRows.of(Demand.class);

    /** Ranks of one class apart order by time: a class is worth 10^13 ms (about 300 years). */
    static final long CLASS_WIDTH = 10_000_000_000_000L;
    /** The class a case has until its policy ranks it (the allocation DMN's default). */
    static final int DEFAULT_CLASS = 5;

    record Demand(
            String caseId,
            String sku,
            int quantityShort,
            int quantityAllocated,
            DemandStatus status,
            long queueRank,
            boolean shipComplete) {
        int missing() {
            return quantityShort - quantityAllocated;
        }
    }

    private static final String COLUMNS =
            "case_id, sku, quantity_short, quantity_allocated, status, queue_rank, ship_complete";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    BackorderQueue(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    static long rank(int queueClass, LocalDateTime orderedAt) {
        return queueClass * CLASS_WIDTH
                + orderedAt.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** Callers hold the product's lock, as for every change below: the running total stays exact. */
    void add(String caseId, String sku, int quantity, LocalDateTime orderedAt, boolean shipComplete) {
        insert(caseId, sku, quantity, orderedAt, shipComplete);
        changeWaitingUnits(sku, quantity);
    }

    /** A place in the line whose units the caller has already counted into the product's {@code waiting_units}. */
    void insert(String caseId, String sku, int quantity, LocalDateTime orderedAt, boolean shipComplete) {
        jdbc.sql("insert into backorder_demand (case_id, sku, quantity_short, quantity_allocated, ordered_at, status, "
                        + "queue_rank, ship_complete) values (?, ?, ?, 0, ?, ?, ?, ?)")
                .params(
                        caseId,
                        sku,
                        quantity,
                        orderedAt,
                        DemandStatus.WAITING.name(),
                        rank(DEFAULT_CLASS, orderedAt),
                        shipComplete)
                .update();
    }

    Optional<Demand> find(String caseId) {
        return jdbc.sql("select " + COLUMNS + " from backorder_demand where case_id = ?")
                .param(caseId)
                .query(DEMAND_ROWS)
                .optional();
    }

    Optional<LocalDateTime> orderedAt(String caseId) {
        return jdbc.sql("select ordered_at from backorder_demand where case_id = ?")
                .param(caseId)
                .query(LocalDateTime.class)
                .optional();
    }

    void rank(String caseId, long rank) {
        jdbc.sql("update backorder_demand set queue_rank = ? where case_id = ?")
                .params(rank, caseId)
                .update();
    }

    /** The next part of a SKU's waiting line after the given position, in rank order. */
    List<Demand> waitingAfter(String sku, long afterRank, String afterCaseId, int limit) {
        return jdbc.sql("""
                        select %s from backorder_demand
                        where sku = ? and status = ? and queue_rank >= ? and (queue_rank > ? or case_id > ?)
                        order by queue_rank, case_id fetch first %d rows only""".formatted(COLUMNS, limit))
                .params(sku, DemandStatus.WAITING.name(), afterRank, afterRank, afterCaseId)
                .query(DEMAND_ROWS)
                .list();
    }

    /** The whole waiting line of a SKU, in rank order (for recomputing expected dates after supply changed). */
    List<Demand> waiting(String sku) {
        return jdbc.sql("select " + COLUMNS
                        + " from backorder_demand where sku = ? and status = ? order by queue_rank, case_id")
                .params(sku, DemandStatus.WAITING.name())
                .query(DEMAND_ROWS)
                .list();
    }

    /**
     * Units still missing for the cases waiting ahead of this position: the running total less the cases
     * at and behind it. A new case ranks near the end of its class, and the default class is the last,
     * so only the few cases behind it are read, however long the line (one statement: one snapshot).
     */
    int missingAhead(String sku, long rank, String caseId) {
        return jdbc.sql("""
                        select p.waiting_units - coalesce((select sum(d.quantity_short - d.quantity_allocated) from backorder_demand d
                            where d.sku = p.sku and d.status = ? and d.queue_rank >= ? and (d.queue_rank > ? or d.case_id >= ?)), 0)
                        from product p where p.sku = ?""")
                .params(DemandStatus.WAITING.name(), rank, rank, caseId, sku)
                .query(Integer.class)
                .single();
    }

    /**
     * Records units handed to places in the line, in one batch; the caller takes them off the product's
     * {@code waiting_units} once for all the places it served ({@link ProductStock#setOnHandAfterServing}).
     */
    void allocate(List<Allocator.Planned> planned) {
        batch.batchUpdate(
                "update backorder_demand set quantity_allocated = ?, status = ? where case_id = ?",
                planned,
                planned.size(),
                (statement, hand) -> {
                    int allocated = hand.demand().quantityAllocated() + hand.units();
                    DemandStatus status =
                            allocated == hand.demand().quantityShort() ? DemandStatus.FILLED : DemandStatus.WAITING;
                    statement.setInt(1, allocated);
                    statement.setString(2, status.name());
                    statement.setString(3, hand.demand().caseId());
                });
    }

    void withdraw(String caseId) {
        Optional<Demand> demand = find(caseId);
        if (demand.isEmpty()) {
            return;
        }
        jdbc.sql("update backorder_demand set status = ? where case_id = ?")
                .params(DemandStatus.WITHDRAWN.name(), caseId)
                .update();
        if (demand.get().status() == DemandStatus.WAITING) {
            changeWaitingUnits(demand.get().sku(), -demand.get().missing());
        }
    }

    private void changeWaitingUnits(String sku, int units) {
        jdbc.sql("update product set waiting_units = waiting_units + ? where sku = ?")
                .params(units, sku)
                .update();
    }
}
