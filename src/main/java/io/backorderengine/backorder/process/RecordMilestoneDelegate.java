package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.util.Map;
import java.util.regex.Pattern;

import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.backorder.internal.CaseOutcomes;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A step an analyst adds from the element template "Tell the order system": the case reached a milestone
 * of theirs, named by the step's {@code milestone} setting. It becomes a {@code MILESTONE} outcome in the
 * feed, so the order system hears it on {@code /api/events} and by webhook, after this step commits.
 */
@Component
@ModelBean(settings = "milestone")
class RecordMilestoneDelegate implements JavaDelegate {

    static final String MILESTONE = "milestone";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final CaseOutcomes outcomes;

    RecordMilestoneDelegate(CaseOutcomes outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String milestone = TaskSettings.of(execution.getBpmnModelElementInstance(), MILESTONE)
                .filter(name -> NAME.matcher(name).matches())
                .orElseThrow(() -> new ProcessEngineException(("step %s needs a 'milestone' setting of lower-case"
                                + " letters, digits and dashes (up to 40), e.g. 'quality-check-passed'")
                        .formatted(execution.getCurrentActivityId())));
        outcomes.record(caseIdOf(execution), OutcomeType.MILESTONE, Map.of(MILESTONE, milestone));
    }
}
