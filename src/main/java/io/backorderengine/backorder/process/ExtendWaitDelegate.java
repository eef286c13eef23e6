package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.util.Date;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The supervisor decided to keep waiting: the limit moves out by the configured extension. */
@Component
@ModelBean
class ExtendWaitDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final CasePolicy policy;
    private final Clock clock;

    ExtendWaitDelegate(CaseLedger ledger, CasePolicy policy, Clock clock) {
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Date until = Date.from(clock.instant().plus(policy.escalation().extension()));
        MAX_WAIT_UNTIL.set(execution, until);
        ledger.record(
                caseIdOf(execution),
                CaseLedgerKind.WAIT_EXTENDED,
                CurrentUser.of(execution),
                "keeps waiting until " + until.toInstant());
    }
}
