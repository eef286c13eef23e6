package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;

import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.backorder.CaseRegistry;
import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.system.ModelBean;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * First step of every case: registers it in our tables, exactly the same whether the order came
 * through {@code /api/orders} or an order system started the process through {@code /engine-rest}.
 * A wrong or repeated start throws, which rolls the whole start back: no instance, no rows.
 */
@Component
@ModelBean
class RegisterCaseDelegate implements JavaDelegate {

    private final CaseRegistry registry;
    private final CasePolicy policy;
    private final Clock clock;

    RegisterCaseDelegate(CaseRegistry registry, CasePolicy policy, Clock clock) {
        this.registry = registry;
        this.policy = policy;
        this.clock = clock;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Integer quantityShort = QUANTITY_SHORT.get(execution);
        if (quantityShort == null) {
            throw new InvalidCaseException(QUANTITY_SHORT.name(), "is required");
        }
        Integer quantityOrdered = QUANTITY_ORDERED.get(execution);
        Date orderedAt = ORDERED_AT.get(execution);
        OpenCase c = new OpenCase(ORDER_ID.get(execution), LINE_ID.get(execution), SKU.get(execution),
                quantityOrdered == null ? quantityShort : quantityOrdered, quantityShort, null,
                new OpenCase.Customer(CUSTOMER_ID.get(execution), CUSTOMER_NAME.get(execution),
                        CUSTOMER_EMAIL.get(execution), CUSTOMER_PHONE.get(execution), CUSTOMER_TIER.get(execution),
                        orDefault(CUSTOMER_LANGUAGE.get(execution), "en"), orDefault(CUSTOMER_TIME_ZONE.get(execution), "UTC")),
                orderedAt == null ? LocalDateTime.now(clock) : LocalDateTime.ofInstant(orderedAt.toInstant(), ZoneId.systemDefault()),
                Boolean.TRUE.equals(SHIP_COMPLETE.get(execution)));
        if (c.orderId() != null && c.lineId() != null && !c.caseId().equals(execution.getBusinessKey())) {
            throw new InvalidCaseException("businessKey", "must be <orderId>-<lineId>, here " + c.caseId());
        }
        registry.register(c, execution.getProcessInstanceId());
        CASE_ID.set(execution, c.caseId());
        MAX_WAIT_UNTIL.set(execution, Date.from(clock.instant().plus(policy.waiting().max())));
        REMINDER_CYCLE.set(execution, policy.reminder().cycle());
    }
}
