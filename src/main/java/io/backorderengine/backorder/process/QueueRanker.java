package io.backorderengine.backorder.process;

import java.util.Map;

import io.backorderengine.backorder.BackorderCases;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.PolicyTable;
import io.backorderengine.inventory.Inventory;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Ranks a case in its SKU's waiting line by the allocation policy, {@code processes/allocation-priority.dmn}:
 * evaluated once when the case starts waiting and again when a supervisor changes its priority, never
 * per receipt.
 */
@Component
class QueueRanker {

    static final String DECISION = PolicyTable.ALLOCATION.key();

    private final DecisionService decisions;
    private final BackorderCases cases;
    private final Inventory inventory;

    QueueRanker(DecisionService decisions, BackorderCases cases, Inventory inventory) {
        this.decisions = decisions;
        this.cases = cases;
        this.inventory = inventory;
    }

    void rank(String caseId) {
        BackorderCases.RankingFacts c = cases.rankingFacts(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        Number queueClass = decisions
                .evaluateDecisionTableByKey(DECISION)
                .variables(Map.of(
                        "priority",
                        c.priority(),
                        "customerTier",
                        c.customerTier(),
                        "lineValue",
                        c.lineValue().doubleValue()))
                .evaluate()
                .getSingleResult()
                .getSingleEntry();
        inventory.rank(caseId, queueClass.intValue());
    }
}
