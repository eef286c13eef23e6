package io.backorderengine.backorder.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.backorder.RootCause;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code backorder_case} table. */
@Repository
public class CaseRepository {

    private static final RecordRows<CaseRecord> CASE_RECORD_ROWS = RecordRows.of(CaseRecord.class);

    private static final String COLUMNS = """
            case_id, order_id, line_id, sku, quantity_ordered, quantity_short, unit_price, customer_id, customer_name,
            customer_email, customer_phone, customer_tier, customer_language, customer_time_zone, status,
            process_instance_id, opened_at, closed_at, close_reason, root_cause, priority, ship_complete""";

    /**
     * What a case is read with: its columns, the date it was first promised (set by the first promise) and
     * whether any offer gave a discount (set by the offer).
     */
    private static final String READ = COLUMNS + ", first_promised_date, offered_discount";

    private static final int IDS_PER_STATEMENT = 1_000;

    private final JdbcClient jdbc;

    CaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Two indexed lookups (primary key, order line's unique key): with {@code or} H2 scans the whole table. */
    public boolean exists(String caseId, String orderId, String lineId) {
        return jdbc.sql("select count(*) from backorder_case where case_id = ?")
                                .param(caseId)
                                .query(Integer.class)
                                .single()
                        > 0
                || jdbc.sql("select count(*) from backorder_case where order_id = ? and line_id = ?")
                                .params(orderId, lineId)
                                .query(Integer.class)
                                .single()
                        > 0;
    }

    public void insert(OpenCase c, String processInstanceId, LocalDateTime openedAt) {
        jdbc.sql("insert into backorder_case (" + COLUMNS
                        + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, 0, ?)")
                .params(
                        c.caseId(),
                        c.orderId(),
                        c.lineId(),
                        c.sku(),
                        c.quantityOrdered(),
                        c.quantityShort(),
                        c.unitPrice(),
                        c.customer().id(),
                        c.customer().name(),
                        c.customer().email(),
                        c.customer().phone(),
                        c.customer().tier(),
                        c.customer().language(),
                        c.customer().timeZone(),
                        CaseStatus.OPEN.name(),
                        processInstanceId,
                        openedAt,
                        c.shipComplete())
                .update();
    }

    public boolean attach(String caseId, String processInstanceId) {
        return jdbc.sql(
                                "update backorder_case set process_instance_id = ? where case_id = ? and process_instance_id is null")
                        .params(processInstanceId, caseId)
                        .update()
                == 1;
    }

    /** Open cases registered before the cut-off whose process has not started (the node stopped in between). */
    public List<String> withoutProcess(LocalDateTime registeredBefore) {
        return jdbc.sql("""
                        select case_id from backorder_case where process_instance_id is null and status = ? and opened_at < ?
                        order by opened_at fetch first 100 rows only""")
                .params(CaseStatus.OPEN.name(), registeredBefore)
                .query(String.class)
                .list();
    }

    public List<String> withoutProcessOfOrder(String orderId) {
        return jdbc.sql(
                        "select case_id from backorder_case where order_id = ? and process_instance_id is null and status = ? order by case_id")
                .params(orderId, CaseStatus.OPEN.name())
                .query(String.class)
                .list();
    }

    public Optional<CaseRecord> find(String caseId) {
        return one(caseId, "");
    }

    /** The cases of these ids that exist, by id: one statement for a receipt's hundred cases. */
    public Map<String, CaseRecord> findAll(List<String> caseIds) {
        Map<String, CaseRecord> found = new HashMap<>();
        // chunks keep the statement's parameters well below what a database takes at once
        for (int from = 0; from < caseIds.size(); from += IDS_PER_STATEMENT) {
            jdbc.sql("select " + READ + " from backorder_case where case_id in (:ids)")
                    .param("ids", caseIds.subList(from, Math.min(caseIds.size(), from + IDS_PER_STATEMENT)))
                    .query(CASE_RECORD_ROWS)
                    .list()
                    .forEach(c -> found.put(c.caseId(), c));
        }
        return found;
    }

    /** Locks the case row: decisions on one case are taken one after the other. */
    public Optional<CaseRecord> lock(String caseId) {
        return one(caseId, " for update");
    }

    private Optional<CaseRecord> one(String caseId, String locking) {
        return jdbc.sql("select " + READ + " from backorder_case where case_id = ?" + locking)
                .param(caseId)
                .query(CASE_RECORD_ROWS)
                .optional();
    }

    /** The cases of an order, locked in case-id order: one email for the order is written at a time. */
    public List<CaseRecord> lockOrder(String orderId) {
        return lockOrderWhere("?", orderId);
    }

    /**
     * The cases of the given case's order, locked as {@link #lockOrder} locks them; empty when there is no
     * such case. One statement where finding the order first would take two.
     */
    public List<CaseRecord> lockOrderOf(String caseId) {
        return lockOrderWhere("(select order_id from backorder_case where case_id = ?)", caseId);
    }

    /** @param orderId SQL that is the order's id, with one parameter: {@code value} */
    private List<CaseRecord> lockOrderWhere(String orderId, String value) {
        return jdbc.sql("select " + READ + " from backorder_case where order_id = " + orderId
                        + " order by case_id for update")
                .param(value)
                .query(CASE_RECORD_ROWS)
                .list();
    }

    /** A corrected address for the given cases (the caller holds their locks). */
    public void updateEmail(List<String> caseIds, String email) {
        if (!caseIds.isEmpty()) {
            jdbc.sql("update backorder_case set customer_email = :email where case_id in (:ids)")
                    .param("email", email)
                    .param("ids", caseIds)
                    .update();
        }
    }

    /** One more email about each of these cases reached the mail server (a KPI counter, {@code emails_sent}). */
    public void countEmailSent(List<String> caseIds) {
        if (!caseIds.isEmpty()) {
            jdbc.sql("update backorder_case set emails_sent = emails_sent + 1 where case_id in (:ids)")
                    .param("ids", caseIds)
                    .update();
        }
    }

    /** Why the case ended badly; a cause recorded earlier (an agent's) is kept. */
    public boolean recordRootCause(String caseId, RootCause cause) {
        return jdbc.sql("update backorder_case set root_cause = ? where case_id = ? and root_cause is null")
                        .params(cause.name(), caseId)
                        .update()
                == 1;
    }

    public List<String> openCaseIds(String sku) {
        return jdbc.sql("select case_id from backorder_case where sku = ? and status = ? order by opened_at, case_id")
                .params(sku, CaseStatus.OPEN.name())
                .query(String.class)
                .list();
    }

    public void prioritize(String caseId, int priority) {
        jdbc.sql("update backorder_case set priority = ? where case_id = ?")
                .params(priority, caseId)
                .update();
    }

    /** Open cases of a SKU with the date last promised to each. */
    public Map<String, LocalDate> lastPromisedOfOpen(String sku) {
        Map<String, LocalDate> promised = new HashMap<>();
        jdbc.sql("""
                        select c.case_id, p.expected_date from backorder_case c
                        join case_promise p on p.case_id = c.case_id
                        where c.sku = ? and c.status = ?
                        and p.promise_id = (select max(promise_id) from case_promise where case_id = c.case_id)""")
                .params(sku, CaseStatus.OPEN.name())
                .query((rs, n) -> promised.put(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .list();
        return promised;
    }

    public boolean close(String caseId, CaseStatus status, String reason, LocalDateTime closedAt) {
        return jdbc.sql("""
                        update backorder_case set status = ?, close_reason = ?, closed_at = ?
                        where case_id = ? and status = ?""")
                        .params(status.name(), reason, closedAt, caseId, CaseStatus.OPEN.name())
                        .update()
                == 1;
    }
}
