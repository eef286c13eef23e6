package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

import io.backorderengine.backorder.CaseLedger;
import io.backorderengine.backorder.CaseLedgerKind;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The supervisor decided to keep waiting: the limit moves out by what the escalation policy gives at this level. */
@Component
@ModelBean
class ExtendWaitDelegate implements JavaDelegate {
    private final CaseLedger ledger;
    private final PolicyTables policies;
    private final Clock clock;

    ExtendWaitDelegate(CaseLedger ledger, PolicyTables policies, Clock clock) {
        this.ledger = ledger;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer level = ESCALATION_LEVEL.get(execution);
        Duration extension = policies.escalation(level == null ? 1 : level, CUSTOMER_TIER.get(execution))
                .keepWaitingFor();
        Date until = Date.from(clock.instant().plus(extension));
        MAX_WAIT_UNTIL.set(execution, until);
        ledger.record(
                caseIdOf(execution),
                CaseLedgerKind.WAIT_EXTENDED,
                CurrentUser.of(execution),
                "keeps waiting until " + until.toInstant());
    }
}
