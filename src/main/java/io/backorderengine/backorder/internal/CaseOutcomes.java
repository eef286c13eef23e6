package io.backorderengine.backorder.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.OutcomeType;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final ObjectMapper json;
    private final Clock clock;

    CaseOutcomes(JdbcClient jdbc, CaseRepository cases, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
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
        String caseId = c.caseId();
        String facts;
        try {
            facts = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "outcome %s of case %s has facts JSON cannot write".formatted(type, caseId), e);
        }
        jdbc.sql("""
                        insert into case_outcome (event_id, type, case_id, order_id, line_id, occurred_at, data)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID().toString(),
                        type.name(),
                        caseId,
                        c.orderId(),
                        c.lineId(),
                        LocalDateTime.now(clock),
                        facts)
                .update();
    }
}
