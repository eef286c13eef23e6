package io.backorderengine.backorder.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.OutcomeType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a case's outcomes for order systems, in the transaction of the fact (a promise, an allocation,
 * the case's end): the outcome exists if and only if the fact does. It reaches the feed once
 * {@link CaseOutcomeSequencer} has given it a position.
 */
@Component
public class CaseOutcomes {

    /** An outcome of a case already read. */
    public record Recorded(CaseRecord c, OutcomeType type, Map<String, ?> data) {}

    private static final String INSERT = """
            insert into case_outcome (event_id, type, case_id, order_id, line_id, occurred_at, data)
            values (?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate batch;
    private final CaseRepository cases;
    private final ObjectMapper json;
    private final Clock clock;

    CaseOutcomes(JdbcTemplate batch, CaseRepository cases, ObjectMapper json, Clock clock) {
        this.batch = batch;
        this.cases = cases;
        this.json = json;
        this.clock = clock;
    }

    /** @param data the facts, as {@link OutcomeType} lists them (values JSON can write) */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String caseId, OutcomeType type, Map<String, ?> data) {
        record(cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId)), type, data);
    }

    /** The same, for a caller that has read the case already (no second read of its row). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(CaseRecord c, OutcomeType type, Map<String, ?> data) {
        recordAll(List.of(new Recorded(c, type, data)));
    }

    /** Several outcomes in one batch, in the order given (a receipt's allocations). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Recorded> outcomes) {
        LocalDateTime now = LocalDateTime.now(clock);
        batch.batchUpdate(INSERT, outcomes, outcomes.size(), (statement, outcome) -> {
            statement.setString(1, UUID.randomUUID().toString());
            statement.setString(2, outcome.type().name());
            statement.setString(3, outcome.c().caseId());
            statement.setString(4, outcome.c().orderId());
            statement.setString(5, outcome.c().lineId());
            statement.setObject(6, now);
            statement.setString(7, facts(outcome.c(), outcome.type(), outcome.data()));
        });
    }

    private String facts(CaseRecord c, OutcomeType type, Map<String, ?> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "outcome %s of case %s has facts JSON cannot write".formatted(type, c.caseId()), e);
        }
    }
}
