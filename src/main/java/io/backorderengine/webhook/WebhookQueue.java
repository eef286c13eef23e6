package io.backorderengine.webhook;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.CaseOutcome;
import io.backorderengine.backorder.CaseOutcomeFeed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves each subscriber's cursor through the feed, writing a delivery for every event it asked for. The
 * subscriber's row is locked while its cursor moves, so nodes take turns and no event is queued twice or
 * skipped. The payload is the event as the feed answers it: a webhook and {@code GET /api/events} carry the
 * same JSON.
 */
@Component
class WebhookQueue {

    /** Events read per subscriber and turn; a backlog takes several short turns. */
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transaction;
    private final CaseOutcomeFeed feed;
    private final ObjectMapper json;
    private final Clock clock;

    WebhookQueue(
            JdbcClient jdbc,
            JdbcTemplate batch,
            PlatformTransactionManager transactions,
            CaseOutcomeFeed feed,
            ObjectMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transaction = new TransactionTemplate(transactions);
        this.feed = feed;
        this.json = json;
        this.clock = clock;
    }

    /** Queues what the feed holds beyond every subscriber's cursor. */
    void queueNewEvents() {
        List<String> subscribers = jdbc.sql("select subscriber_id from webhook_subscriber")
                .query(String.class)
                .list();
        for (String subscriber : subscribers) {
            while (Boolean.TRUE.equals(transaction.execute(tx -> queue(subscriber) == BATCH))) {
                // a full batch: there may be more
            }
        }
    }

    /** One turn for one subscriber: how many feed events it read (queued or not of its types). */
    private int queue(String subscriberId) {
        var cursor = jdbc.sql("""
                        select last_position, event_types from webhook_subscriber
                        where subscriber_id = ? for update""")
                .param(subscriberId)
                .query((row, n) -> new Cursor(row.getLong("last_position"), row.getString("event_types")))
                .optional();
        if (cursor.isEmpty()) {
            return 0; // removed meanwhile
        }
        List<CaseOutcome> events = feed.after(cursor.get().position(), BATCH);
        if (events.isEmpty()) {
            return 0;
        }
        Set<?> wanted = WebhookSubscribers.types(cursor.get().types());
        LocalDateTime now = LocalDateTime.now(clock);
        List<Object[]> rows = new ArrayList<>();
        for (CaseOutcome event : events) {
            if (wanted.contains(event.type())) {
                rows.add(new Object[] {
                    subscriberId,
                    event.eventId(),
                    event.position(),
                    event.caseId(),
                    event.type().name(),
                    payload(event),
                    DeliveryState.PENDING.name(),
                    now
                });
            }
        }
        batch.batchUpdate("""
                insert into webhook_delivery (subscriber_id, event_id, position, case_id, type, payload, state,
                    attempts, next_attempt_at)
                values (?, ?, ?, ?, ?, ?, ?, 0, ?)""", rows);
        jdbc.sql("update webhook_subscriber set last_position = ? where subscriber_id = ?")
                .params(events.get(events.size() - 1).position(), subscriberId)
                .update();
        return events.size();
    }

    private String payload(CaseOutcome event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.eventId() + " cannot be written as JSON", e);
        }
    }

    private record Cursor(long position, String types) {}
}
