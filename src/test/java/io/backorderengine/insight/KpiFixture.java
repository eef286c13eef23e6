package io.backorderengine.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import io.backorderengine.support.Catalog;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Known orders and cases in a month of their own (March 2021, which no other test touches), written to
 * the tables as the product would have left them. The KPIs these rows must give are worked out by hand
 * in {@link InsightsTests}.
 */
final class KpiFixture {

    static final LocalDate FROM = LocalDate.of(2021, 3, 1);
    static final LocalDate TO = LocalDate.of(2021, 3, 31);

    final String lamps = Catalog.unique("lamps");
    final String chairs = Catalog.unique("chairs");
    final String supplierA = Catalog.unique("SUPA");
    final String supplierB = Catalog.unique("SUPB");
    final String a1 = Catalog.unique("A1");
    final String a2 = Catalog.unique("A2");
    final String b1 = Catalog.unique("B1");
    private final String run = Catalog.unique("K");
    private final JdbcClient jdbc;

    KpiFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String order(int n) {
        return run + "-O" + n;
    }

    String caseOf(int order, int line) {
        return order(order) + "-" + line;
    }

    KpiFixture build() {
        supplier(supplierA);
        supplier(supplierB);
        product(a1, lamps, supplierA);
        product(a2, lamps, supplierA);
        product(b1, chairs, supplierB);

        order(1, "GOLD", at(3, 1, 10, 0));
        line(1, 1, a1, 2, 2);
        line(1, 2, a2, 3, 1);
        order(2, "STANDARD", at(3, 2, 0, 0));
        line(2, 1, a1, 1, 0);
        order(3, "STANDARD", at(3, 3, 8, 0));
        line(3, 1, b1, 4, 0);
        order(4, "GOLD", at(3, 4, 9, 0));
        line(4, 1, b1, 1, 1);
        refusedLine(4, 2, b1, 2);
        order(5, "STANDARD", at(3, 5, 9, 0));
        line(5, 1, a1, 2, 0);
        order(6, "STANDARD", LocalDateTime.of(2021, 4, 2, 9, 0));
        line(6, 1, a1, 1, 0);
        order(7, "GOLD", at(3, 10, 9, 0));
        line(7, 1, b1, 1, 0);
        order(8, "STANDARD", at(3, 12, 0, 0));
        line(8, 1, a1, 1, 0);
        order(9, "GOLD", at(3, 15, 9, 0));
        line(9, 1, a2, 2, 0);
        line(9, 2, b1, 1, 0);

        // fulfilled 10 days after opening, one day after the first promise (the second promise was kept)
        closed(1, 2, "FULFILLED", at(3, 11, 10, 0), null);
        cause(1, 2, "SUPPLIER_SLIP");
        promise(1, 2, LocalDate.of(2021, 3, 10));
        promise(1, 2, LocalDate.of(2021, 3, 12));
        offer(1, 2, 10);
        decision(1, 2, "WAIT");
        task(1, 2, "Review the offer", at(3, 1, 11, 0));
        email(1, 2, "SENT");
        email(1, 2, "SENT");
        email(1, 2, "SENT");
        // fulfilled after 4.5 days, two days before its promise
        closed(2, 1, "FULFILLED", at(3, 6, 12, 0), null);
        promise(2, 1, LocalDate.of(2021, 3, 8));
        offer(2, 1, 0, a2);
        email(2, 1, "SENT");
        email(2, 1, "FAILED");
        closed(3, 1, "CANCELLED", at(3, 20, 9, 0), "Customer found it elsewhere");
        cause(3, 1, "SUPPLIER_SLIP");
        promise(3, 1, LocalDate.of(2021, 3, 15));
        offer(3, 1, 5);
        decision(3, 1, "CANCEL");
        email(3, 1, "BOUNCED");
        closed(5, 1, "ALTERNATIVE_ACCEPTED", at(3, 7, 9, 0), "ships " + a2);
        promise(5, 1, LocalDate.of(2021, 3, 20));
        offer(5, 1, 0, a2);
        decision(5, 1, "ALTERNATIVE");
        email(5, 1, "SENT");
        // 6-1 (opened in April, outside the window) and 7-1 stay open
        task(7, 1, "Call the customer", at(3, 20, 9, 0));
        // fulfilled after exactly 2 days, on its promised day
        closed(8, 1, "FULFILLED", at(3, 14, 0, 0), null);
        promise(8, 1, LocalDate.of(2021, 3, 14));
        offer(8, 1, 0);
        decision(8, 1, "WAIT");
        email(8, 1, "SENT");
        // the customer cancelled the whole order: one email told both lines
        closed(9, 1, "CANCELLED", at(3, 16, 9, 0), "Too long to wait");
        closed(9, 2, "CANCELLED", at(3, 16, 9, 0), "Too long to wait");
        long shared = email(9, 1, "SENT");
        jdbc.sql("insert into communication_coverage (message_key, case_id, communication_id) values (?, ?, ?)")
                .params(Catalog.unique("key"), caseOf(9, 2), shared)
                .update();
        sent(caseOf(9, 2));
        return this;
    }

    private static LocalDateTime at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2021, month, day, hour, minute);
    }

    private void supplier(String id) {
        jdbc.sql("insert into supplier (supplier_id, name, lead_time_days) values (?, ?, 10)")
                .params(id, "Supplier " + id)
                .update();
    }

    private void product(String sku, String category, String supplier) {
        jdbc.sql("""
                        insert into product (sku, name, category, unit_price, supplier_id, on_hand)
                        values (?, ?, ?, 20.00, ?, 0)""").params(sku, "Product " + sku, category, supplier).update();
    }

    private void order(int n, String tier, LocalDateTime placedAt) {
        jdbc.sql("""
                        insert into customer_order (order_id, request_hash, customer_id, customer_name, customer_email,
                                                    customer_tier, placed_at)
                        values (?, 'fixture', ?, 'Kim Fixture', 'kim@example.com', ?, ?)""").params(order(n), "CUST-" + n, tier, placedAt).update();
    }

    private void line(int order, int line, String sku, int quantity, int reserved) {
        String outcome = reserved == quantity ? "RESERVED" : reserved == 0 ? "BACKORDERED" : "PARTIALLY_BACKORDERED";
        jdbc.sql("""
                        insert into order_line (order_id, line_id, line_no, sku, quantity, quantity_reserved,
                                                quantity_backordered, unit_price, outcome, case_id)
                        values (?, ?, ?, ?, ?, ?, ?, 20.00, ?, ?)""")
                .params(
                        order(order),
                        String.valueOf(line),
                        line,
                        sku,
                        quantity,
                        reserved,
                        quantity - reserved,
                        outcome,
                        reserved == quantity ? null : caseOf(order, line))
                .update();
        if (reserved < quantity) {
            LocalDateTime placedAt = jdbc.sql("select placed_at from customer_order where order_id = ?")
                    .param(order(order))
                    .query(LocalDateTime.class)
                    .single();
            String tier = jdbc.sql("select customer_tier from customer_order where order_id = ?")
                    .param(order(order))
                    .query(String.class)
                    .single();
            jdbc.sql("""
                            insert into backorder_case (case_id, order_id, line_id, sku, quantity_ordered, quantity_short,
                                unit_price, customer_id, customer_name, customer_email, customer_tier, status,
                                process_instance_id, opened_at)
                            values (?, ?, ?, ?, ?, ?, 20.00, ?, 'Kim Fixture', 'kim@example.com', ?, 'OPEN', ?, ?)""")
                    .params(
                            caseOf(order, line),
                            order(order),
                            String.valueOf(line),
                            sku,
                            quantity,
                            quantity - reserved,
                            "CUST-" + order,
                            tier,
                            // a process of its own is never started for a fixture case
                            "fixture",
                            placedAt)
                    .update();
        }
    }

    private void closed(int order, int line, String status, LocalDateTime closedAt, String reason) {
        jdbc.sql("update backorder_case set status = ?, closed_at = ?, close_reason = ? where case_id = ?")
                .params(status, closedAt, reason, caseOf(order, line))
                .update();
    }

    private void cause(int order, int line, String cause) {
        jdbc.sql("update backorder_case set root_cause = ? where case_id = ?")
                .params(cause, caseOf(order, line))
                .update();
    }

    /** A line the backorder cap refused: no case. */
    private void refusedLine(int order, int line, String sku, int quantity) {
        jdbc.sql("""
                        insert into order_line (order_id, line_id, line_no, sku, quantity, quantity_reserved,
                                                quantity_backordered, unit_price, outcome, refusal_reason)
                        values (?, ?, ?, ?, ?, 0, 0, 20.00, 'REFUSED', 'backorder cap reached')""")
                .params(order(order), String.valueOf(line), line, sku, quantity)
                .update();
    }

    private void promise(int order, int line, LocalDate expected) {
        jdbc.sql("""
                        insert into case_promise (case_id, expected_date, basis, promised_at)
                        values (?, ?, 'LEAD_TIME', ?)""")
                .params(caseOf(order, line), expected, openedAt(order, line))
                .update();
        // as CasePromises keeps it
        jdbc.sql("update backorder_case set first_promised_date = ? where case_id = ? and first_promised_date is null")
                .params(expected, caseOf(order, line))
                .update();
    }

    private void offer(int order, int line, int discountPercent, String... alternatives) {
        jdbc.sql("""
                        insert into case_offer (case_id, discount_percent, review_required, offered_at)
                        values (?, ?, false, ?)""")
                .params(caseOf(order, line), discountPercent, openedAt(order, line))
                .update();
        long offerId = jdbc.sql("select max(offer_id) from case_offer where case_id = ?")
                .param(caseOf(order, line))
                .query(Long.class)
                .single();
        // as CaseOffers keeps it
        jdbc.sql("""
                        update backorder_case set offered = true,
                        offered_discount = case when ? then true else offered_discount end,
                        offered_alternative = case when ? then true else offered_alternative end
                        where case_id = ?""")
                .params(discountPercent > 0, alternatives.length > 0, caseOf(order, line))
                .update();
        for (String sku : alternatives) {
            jdbc.sql("insert into case_offer_alternative (offer_id, sku, name, unit_price) values (?, ?, ?, ?)")
                    .params(offerId, sku, "Product " + sku, new BigDecimal("19.00"))
                    .update();
        }
    }

    private void decision(int order, int line, String decision) {
        jdbc.sql("""
                        insert into case_decision (case_id, decision, decided_by, decided_at, channel)
                        values (?, ?, 'customer', ?, 'CUSTOMER_PAGE')""")
                .params(caseOf(order, line), decision, openedAt(order, line).plusDays(1))
                .update();
        if (decision.equals("WAIT")) {
            jdbc.sql("update backorder_case set customer_waited = true where case_id = ?")
                    .param(caseOf(order, line))
                    .update();
        }
    }

    private void task(int order, int line, String name, LocalDateTime createdAt) {
        boolean open = name.startsWith("Call");
        jdbc.sql("""
                        insert into case_task (task_id, case_id, task_key, name, candidate_group, created_at, completed_at)
                        values (?, ?, 'Task_Fixture', ?, 'agents', ?, ?)""")
                .params(
                        Catalog.unique("task"),
                        caseOf(order, line),
                        name,
                        createdAt,
                        open ? null : createdAt.plusHours(1))
                .update();
    }

    private long email(int order, int line, String state) {
        jdbc.sql("""
                        insert into communication (message_key, message_id, case_id, order_id, recipient, subject,
                                                   template, language, body_text, state, created_at)
                        values (?, ?, ?, ?, 'kim@example.com', 'Your order', 'backorder-notice', 'en', 'Hello', ?, ?)""")
                .params(
                        Catalog.unique("key"),
                        Catalog.unique("msg"),
                        caseOf(order, line),
                        order(order),
                        state,
                        openedAt(order, line))
                .update();
        if (state.equals("SENT") || state.equals("BOUNCED")) {
            sent(caseOf(order, line));
        }
        return jdbc.sql("select max(communication_id) from communication where case_id = ?")
                .param(caseOf(order, line))
                .query(Long.class)
                .single();
    }

    /** As CaseMails counts an email the server accepted, for each case it is about. */
    private void sent(String caseId) {
        jdbc.sql("update backorder_case set emails_sent = emails_sent + 1 where case_id = ?")
                .param(caseId)
                .update();
    }

    private LocalDateTime openedAt(int order, int line) {
        return jdbc.sql("select opened_at from backorder_case where case_id = ?")
                .param(caseOf(order, line))
                .query(LocalDateTime.class)
                .single();
    }
}
