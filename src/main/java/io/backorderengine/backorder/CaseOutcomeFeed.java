package io.backorderengine.backorder;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the outcomes that have their feed position, in position order: for order systems that pull
 * ({@code GET /api/events}) and for the webhooks that push the same events.
 */
@Component
public class CaseOutcomeFeed {

    private static final TypeReference<Map<String, Object>> FACTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CaseOutcomeFeed(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Up to {@code limit} outcomes after the position, oldest first. */
    @Transactional(readOnly = true)
    public List<CaseOutcome> after(long position, int limit) {
        return jdbc.sql("""
                        select event_id, position, type, occurred_at, order_id, line_id, case_id, data
                        from case_outcome where position > ? order by position fetch first %d rows only""".formatted(limit))
                .param(position)
                .query(this::outcome)
                .list();
    }

    /** The position of the newest outcome in the feed (0 before the first): a new reader starts after it. */
    @Transactional(readOnly = true)
    public long lastPosition() {
        return jdbc.sql("select last_position from case_outcome_head where head_id = 1")
                .query(Long.class)
                .single();
    }

    private CaseOutcome outcome(ResultSet row, int n) throws SQLException {
        try {
            return new CaseOutcome(
                    row.getString("event_id"),
                    row.getLong("position"),
                    OutcomeType.valueOf(row.getString("type")),
                    row.getTimestamp("occurred_at").toLocalDateTime(),
                    row.getString("order_id"),
                    row.getString("line_id"),
                    row.getString("case_id"),
                    json.readValue(row.getString("data"), FACTS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outcome " + row.getString("event_id") + " holds no JSON", e);
        }
    }
}
