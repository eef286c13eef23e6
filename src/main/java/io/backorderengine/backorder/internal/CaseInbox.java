package io.backorderengine.backorder.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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

    /** A message to queue. */
    public record Queued(String caseId, CaseMessage message, Map<String, Object> variables) {}

    private static final String INSERT = """
            insert into case_message (case_id, message_name, variables, created_at, next_attempt_at, attempts)
            values (?, ?, ?, ?, ?, 0)""";

    private final JdbcTemplate batch;
    private final ObjectMapper json;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseInbox(JdbcTemplate batch, ObjectMapper json, ApplicationEventPublisher events, Clock clock) {
        this.batch = batch;
        this.json = json;
        this.events = events;
        this.clock = clock;
    }

    /** Queues a message; variables must be primitives (strings, numbers, booleans). */
    public long queue(String caseId, CaseMessage message, Map<String, Object> variables) {
        return queueAll(List.of(new Queued(caseId, message, variables))).get(0);
    }

    /**
     * Queues several messages in one batch, each announced once stored, in the order given: their ids follow
     * that order, and a case's messages are delivered in the order of their ids.
     *
     * @return the messages' ids, in the order given
     */
    public List<Long> queueAll(List<Queued> messages) {
        LocalDateTime now = LocalDateTime.now(clock);
        KeyHolder keys = new GeneratedKeyHolder();
        batch.batchUpdate(
                connection -> connection.prepareStatement(INSERT, new String[] {"message_id"}),
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement statement, int i) throws SQLException {
                        Queued queued = messages.get(i);
                        statement.setString(1, queued.caseId());
                        statement.setString(2, queued.message().messageName());
                        statement.setString(3, toJson(queued.variables()));
                        statement.setObject(4, now);
                        statement.setObject(5, now);
                    }

                    @Override
                    public int getBatchSize() {
                        return messages.size();
                    }
                },
                keys);
        List<Map<String, Object>> ids = keys.getKeyList();
        if (ids.size() != messages.size()) {
            throw new IllegalStateException(
                    "queued %d case messages but the database returned %d ids".formatted(messages.size(), ids.size()));
        }
        List<Long> queued = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            // the one generated column, whatever case the driver gives its name in
            long id = ((Number) ids.get(i).values().iterator().next()).longValue();
            events.publishEvent(new MessageQueued(id, messages.get(i).caseId()));
            queued.add(id);
        }
        return queued;
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
