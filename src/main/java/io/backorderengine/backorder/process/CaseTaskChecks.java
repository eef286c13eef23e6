package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CasePolicy;
import io.backorderengine.backorder.CustomerDecision;
import io.backorderengine.system.Problems;
import io.backorderengine.system.TaskCompletionCheck;
import org.springframework.stereotype.Component;

/**
 * The case's rules for what an agent or supervisor submits, checked before the task completes (the
 * form's own constraints are checked first): a discount within the policy's bounds, and a customer's
 * decision the case can take now (an alternative that was offered, is in stock and is not the item
 * itself). The case is the task's business key.
 */
@Component
class CaseTaskChecks implements TaskCompletionCheck {

    private final CasePolicy policy;
    private final CaseDecisions decisions;

    CaseTaskChecks(CasePolicy policy, CaseDecisions decisions) {
        this.policy = policy;
        this.decisions = decisions;
    }

    @Override
    public List<Problems.FieldError> check(CompletedTask task, Map<String, Object> values) {
        if (!KEY.equals(task.processDefinitionKey()) || task.businessKey() == null) {
            return List.of();
        }
        List<Problems.FieldError> problems = new ArrayList<>();
        if (values.get(DISCOUNT_PERCENT.name()) instanceof Number discount) {
            int max = policy.offer().maxDiscountPercent();
            if (discount.doubleValue() != Math.rint(discount.doubleValue())
                    || discount.intValue() < 0
                    || discount.intValue() > max) {
                problems.add(
                        new Problems.FieldError(DISCOUNT_PERCENT.name(), "must be a whole number from 0 to " + max));
            }
        }
        if (values.get(CUSTOMER_DECISION.name()) instanceof String choice && !"unreachable".equals(choice)) {
            Optional<CustomerDecision> decision = CustomerDecision.ofCode(choice);
            if (decision.isEmpty()) {
                problems.add(new Problems.FieldError(
                        CUSTOMER_DECISION.name(), "must be wait, alternative, cancel or unreachable"));
                return problems;
            }
            Object alternative = values.get(ALTERNATIVE_SKU.name());
            decisions
                    .refusal(task.businessKey(), decision.get(), alternative instanceof String sku ? sku : null)
                    .ifPresent(refusal -> problems.add(new Problems.FieldError(
                            refusal.field() == null ? CUSTOMER_DECISION.name() : refusal.field(), refusal.message())));
        }
        return problems;
    }
}
