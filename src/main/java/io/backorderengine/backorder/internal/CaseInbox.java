package io.backorderengine.backorder.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Persists an event for a case before it is delivered to the case's process instance. Camunda does
 * not buffer messages, so the event lives here until the process takes it: the row is written in the
 * same transaction as the business change (an allocation, a decision), and delivery happens after
 * commit, with retries while the case is busy.
 */
@Service
public class CaseInbox {

    /** Published inside the transaction; the delivery side acts on it after commit. */
    public record MessageQueued(long messageId, String caseId) {}

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseInbox(JdbcClient jdbc, ObjectMapper json, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** Queues a message; variables must be primitives (strings, numbers, booleans). */
    public long queue(String caseId, CaseMessage message, Map<String, Object> variables) {
        LocalDateTime now = LocalDateTime.now(clock);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into case_message (case_id, message_name, variables, created_at, next_attempt_at, attempts)
                        values (?, ?, ?, ?, ?, 0)""")
                .params(caseId, message.messageName(), toJson(variables), now, now)
                .update(keys, "message_id");
        long id = keys.getKey().longValue();
        events.publishEvent(new MessageQueued(id, caseId));
        return id;
    }

    private String toJson(Map<String, Object> variables) {
        if (variables.isEmpty()) {
            return null; // nothing to parse at delivery
        }
        try {
            return json.writeValueAsString(variables);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("case message variables must be plain values", e);
        }
    }
}
