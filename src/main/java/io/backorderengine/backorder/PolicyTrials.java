package io.backorderengine.backorder;

import java.util.List;
import java.util.Map;

/**
 * Trying a policy table before it reaches customers: an analyst's changed table (not deployed) or the
 * deployed one, evaluated against given inputs, or replayed over the last cases, side by side with the
 * deployed table's answers. Evaluates only: nothing is deployed, stored or sent.
 */
public interface PolicyTrials {

    /** The policy tables that can be tried, by key. */
    List<String> keys();

    /**
     * @throws PolicyNotFoundException no policy table with this key
     * @throws InvalidPolicyTrialException the table would be refused at deployment, or the inputs are not
     *                                     what it reads
     */
    Trial evaluate(String key, TrialRequest request);

    /**
     * @param dmn        the table to try, as Camunda Modeler saves it; none to try the deployed one
     * @param inputs     input values to evaluate it with, one map per evaluation
     * @param replayLast how many of the latest cases to replay it over (none: no replay)
     */
    record TrialRequest(String dmn, List<Map<String, Object>> inputs, Integer replayLast) {}

    /**
     * @param tried    what was tried: "uploaded table" or "deployed version N"
     * @param deployed the deployed version compared with ("deployed version N")
     */
    record Trial(String key, String tried, String deployed, List<Evaluation> evaluations, Replay replay) {}

    /** One set of inputs: what the tried table decides, and what the deployed one does. */
    record Evaluation(Map<String, Object> inputs, Outcome tried, Outcome deployed, boolean changed) {}

    /**
     * @param rule        the id of the rule that decided; null when no rule matched
     * @param description what the rule's description says
     * @param outputs     what it decided (empty when no rule matched)
     */
    record Outcome(String rule, String description, Map<String, Object> outputs) {}

    /**
     * @param cases   how many decisions were replayed (one per case; the date change policy replays each case's
     *                latest move, the escalation policy its first level, the task policy each kind of task)
     * @param changed how many of them the tried table decides differently
     * @param changes each different outcome, most frequent first, with up to five example cases
     */
    record Replay(int cases, int changed, List<Change> changes) {}

    record Change(Map<String, Object> from, Map<String, Object> to, int count, List<String> examples) {}
}
