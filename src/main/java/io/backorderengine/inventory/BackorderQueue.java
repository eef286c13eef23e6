package io.backorderengine.inventory;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Backordered demand waiting for stock, served first-come-first-served by order time. */
@Repository
class BackorderQueue {

    static final String WAITING = "WAITING";
    static final String FILLED = "FILLED";
    static final String WITHDRAWN = "WITHDRAWN";

    record Demand(String caseId, String sku, int quantityShort, int quantityAllocated, String status) {
        int missing() {
            return quantityShort - quantityAllocated;
        }
    }

    private final JdbcClient jdbc;

    BackorderQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String caseId, String sku, int quantity, LocalDateTime orderedAt) {
        jdbc.sql("""
                        insert into backorder_demand (case_id, sku, quantity_short, quantity_allocated, ordered_at, status)
                        values (?, ?, ?, 0, ?, ?)""")
                .params(caseId, sku, quantity, orderedAt, WAITING).update();
    }

    Optional<Demand> find(String caseId) {
        return jdbc.sql("""
                        select case_id, sku, quantity_short, quantity_allocated, status
                        from backorder_demand where case_id = ?""")
                .param(caseId).query(Demand.class).optional();
    }

    /** The waiting line for a SKU, oldest order first; the case id breaks ties so the order is stable. */
    List<Demand> waiting(String sku) {
        return jdbc.sql("""
                        select case_id, sku, quantity_short, quantity_allocated, status
                        from backorder_demand where sku = ? and status = ?
                        order by ordered_at, case_id""")
                .params(sku, WAITING).query(Demand.class).list();
    }

    void allocate(Demand demand, int units) {
        int allocated = demand.quantityAllocated() + units;
        String status = allocated == demand.quantityShort() ? FILLED : WAITING;
        jdbc.sql("update backorder_demand set quantity_allocated = ?, status = ? where case_id = ?")
                .params(allocated, status, demand.caseId()).update();
    }

    void withdraw(String caseId) {
        jdbc.sql("update backorder_demand set status = ? where case_id = ?").params(WITHDRAWN, caseId).update();
    }
}
