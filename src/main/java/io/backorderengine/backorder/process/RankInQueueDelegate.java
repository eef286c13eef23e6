package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.caseIdOf;

import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** Places the new case in its SKU's waiting line by the allocation policy (DMN {@code allocation-priority}). */
@Component
@ModelBean
class RankInQueueDelegate implements JavaDelegate {

    private final QueueRanker ranker;

    RankInQueueDelegate(QueueRanker ranker) {
        this.ranker = ranker;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ranker.rank(caseIdOf(execution));
    }
}
