package io.backorderengine.webhook;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import io.backorderengine.system.ListPage;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The delivery rows: which are due, taking one, what a call did to it, and what operators do with them. */
@Component
class WebhookDeliveries {

    /** A delivery taken for a call, with what the call needs. */
    record Call(
            long deliveryId, String eventId, String caseId, int attempts, String payload, String url, String secret) {}

    private static final RecordRows<Call> CALL_ROWS = RecordRows.of(Call.class);
    private static final RecordRows<Delivery> DELIVERY_ROWS = RecordRows.of(Delivery.class);
    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;
    private final WebhookProperties properties;
    private final Clock clock;

    WebhookDeliveries(JdbcClient jdbc, WebhookProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Deliveries due now whose case has no earlier undelivered event for the same subscriber: a case's
     * events go out one after the other, in feed order, while different cases go out side by side.
     */
    @Transactional(readOnly = true)
    List<Call> due(int limit) {
        LocalDateTime now = LocalDateTime.now(clock);
        return jdbc.sql("""
                        select d.delivery_id, d.event_id, d.case_id, d.attempts, d.payload, s.url, s.secret
                        from webhook_delivery d join webhook_subscriber s on s.subscriber_id = d.subscriber_id
                        where d.state = 'PENDING' and s.active = true and d.next_attempt_at <= ?
                          and (d.lease_until is null or d.lease_until <= ?)
                          and not exists (
                            select 1 from webhook_delivery e
                            where e.subscriber_id = d.subscriber_id and e.case_id = d.case_id
                              and e.state = 'PENDING' and e.position < d.position)
                        order by d.next_attempt_at, d.position
                        fetch first %d rows only""".formatted(limit)).params(now, now).query(CALL_ROWS).list();
    }

    /**
     * Takes the delivery for a call if no other node has, and it is still due: true for one caller only. A
     * node that dies while calling holds it until the lease runs out; then it is due again.
     */
    @Transactional
    boolean take(long deliveryId) {
        LocalDateTime now = LocalDateTime.now(clock);
        return jdbc.sql("""
                        update webhook_delivery set lease_until = ?
                        where delivery_id = ? and state = 'PENDING' and next_attempt_at <= ?
                          and (lease_until is null or lease_until <= ?)""")
                        .params(now.plus(properties.lease()), deliveryId, now, now)
                        .update()
                == 1;
    }

    @Transactional
    void delivered(Call call, int status) {
        LocalDateTime now = LocalDateTime.now(clock);
        jdbc.sql("""
                        update webhook_delivery set state = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,
                            last_attempt_at = ?, last_status = ?, last_error = null, lease_until = null
                        where delivery_id = ?""").params(now, now, status, call.deliveryId()).update();
    }

    /** @return the state the delivery is left in: PENDING with its next try set, or DEAD */
    @Transactional
    DeliveryState failed(Call call, Integer status, String error) {
        LocalDateTime now = LocalDateTime.now(clock);
        int attempts = call.attempts() + 1;
        boolean dead = attempts >= properties.retry().maxAttempts();
        DeliveryState state = dead ? DeliveryState.DEAD : DeliveryState.PENDING;
        jdbc.sql("""
                        update webhook_delivery set state = ?, attempts = ?, next_attempt_at = ?, last_attempt_at = ?,
                            last_status = ?, last_error = ?, lease_until = null
                        where delivery_id = ?""")
                .params(
                        state.name(),
                        attempts,
                        dead ? now : now.plus(properties.retry().after(attempts)),
                        now,
                        status,
                        error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error,
                        call.deliveryId())
                .update();
        return state;
    }

    /** A subscriber's deliveries, newest first, of one state or all. */
    @Transactional(readOnly = true)
    ListPage<Delivery> of(String subscriberId, DeliveryState state, int page, int size) {
        // PostgreSQL cannot type a null parameter in "? is null": the state filter is in the text or not
        String filter = state == null ? "" : " and state = '" + state.name() + "'";
        return ListPage.of(
                jdbc.sql("""
                                select delivery_id, event_id, type, case_id, position, state, attempts, next_attempt_at,
                                    last_status, last_error, delivered_at
                                from webhook_delivery
                                where subscriber_id = ?%s
                                order by position desc, delivery_id desc
                                offset %d rows fetch first %d rows only""".formatted(filter, (long) page * size, size + 1))
                        .param(subscriberId)
                        .query(DELIVERY_ROWS)
                        .list(),
                page,
                size);
    }

    /** Queues a subscriber's dead deliveries again, with a fresh set of tries; how many. */
    @Transactional
    int retryDead(String subscriberId) {
        return jdbc.sql("""
                        update webhook_delivery set state = 'PENDING', attempts = 0, next_attempt_at = ?
                        where subscriber_id = ? and state = 'DEAD'""").params(LocalDateTime.now(clock), subscriberId).update();
    }

    /** Deletes deliveries done longer ago than operators keep them; how many. */
    @Transactional
    int forgetDelivered() {
        return jdbc.sql("delete from webhook_delivery where state = 'DELIVERED' and delivered_at < ?")
                .param(LocalDateTime.now(clock).minus(properties.keepDelivered()))
                .update();
    }
}
