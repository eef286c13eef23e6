package io.backorderengine.backorder.internal;

import io.backorderengine.backorder.CaseStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The cases for operators' dashboards and alerts: how many are in each status (the totals of the ended ones
 * only grow, so their rate is the rate of fulfilments and cancellations) and how many open cases have an
 * escalation in front of a supervisor. Read from the shared database at each scrape: every node reports the
 * cluster's figures.
 */
@Component
class CaseMetrics {

    CaseMetrics(JdbcClient jdbc, MeterRegistry metrics) {
        for (CaseStatus status : CaseStatus.values()) {
            Gauge.builder(
                            "backorder.cases",
                            jdbc,
                            db -> db.sql("select count(*) from backorder_case where status = ?")
                                    .param(status.name())
                                    .query(Long.class)
                                    .single())
                    .description("cases by status (OPEN: waiting)")
                    .tag("status", status.name())
                    .register(metrics);
        }
        Gauge.builder(
                        "backorder.cases.escalated",
                        jdbc,
                        db -> db.sql("""
                                select count(distinct case_id) from case_task
                                where task_key = 'UserTask_ResolveEscalation' and completed_at is null""").query(Long.class).single())
                .description("open cases whose escalation waits for a supervisor")
                .register(metrics);
    }
}
