package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.StringJoiner;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What makes a task triageable in Tasklist with sixty others open: a name that says what and for whom
 * ("Review offer · A-1001-3 · Ada Lovelace · GOLD · 3 wks"), the facts in its description, a due date and a
 * follow-up date from the task policy's table, and a priority raised by the customer's tier and how long they have waited.
 */
@Component
class TaskLabels {

    private static final Map<String, Integer> TIER_BONUS = Map.of("GOLD", 20, "SILVER", 10);

    private final PolicyTables policies;
    private final Clock clock;

    TaskLabels(PolicyTables policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** Labels a task being created; {@code kind} is its name in the model. */
    void label(DelegateTask task, String kind, String caseId) {
        Instant now = clock.instant();
        String tier = CUSTOMER_TIER.get(task);
        long waitDays = customersWaitDays(task);
        task.setName(new StringJoiner(" · ")
                .add(kind)
                .add(caseId)
                .add(String.valueOf(CUSTOMER_NAME.get(task)))
                .add(String.valueOf(tier))
                .add(weeksOrDays(waitDays))
                .toString());
        task.setDescription(description(task, waitDays));
        // the task policy's table sets the due date of the kinds it knows; others keep the model's (or none)
        String taskKind = PolicyTables.TASK_KINDS.get(task.getTaskDefinitionKey());
        if (taskKind != null) {
            task.setDueDate(Date.from(now.plus(policies.taskDue(taskKind, tier))));
        }
        if (task.getDueDate() != null) {
            Duration toDue = Duration.between(now, task.getDueDate().toInstant());
            task.setFollowUpDate(Date.from(now.plus(toDue.dividedBy(2))));
        }
        long daysSinceOrder = ORDERED_AT.get(task) == null
                ? 0
                : ChronoUnit.DAYS.between(ORDERED_AT.get(task).toInstant(), now);
        int raised = task.getPriority() + TIER_BONUS.getOrDefault(tier, 0) + (int) Math.min(9, daysSinceOrder / 7);
        task.setPriority(Math.min(100, raised));
    }

    /** From the order to the date promised now: how long this customer waits in all. */
    private static long customersWaitDays(DelegateTask task) {
        String expected = EXPECTED_DATE.get(task);
        Date ordered = ORDERED_AT.get(task);
        if (expected == null || ordered == null) {
            return 0;
        }
        return Math.max(
                0,
                ChronoUnit.DAYS.between(
                        LocalDate.ofInstant(ordered.toInstant(), ZoneOffset.UTC), LocalDate.parse(expected)));
    }

    private static String weeksOrDays(long days) {
        return days < 14 ? days + " d" : days / 7 + " wks";
    }

    private static String description(DelegateTask task, long waitDays) {
        StringBuilder facts = new StringBuilder();
        facts.append("Order ")
                .append(ORDER_ID.get(task))
                .append(": ")
                .append(QUANTITY_SHORT.get(task))
                .append(" x ")
                .append(SKU.get(task))
                .append(" short, expected ")
                .append(EXPECTED_DATE.get(task))
                .append(" (")
                .append(waitDays)
                .append(" days after the order).\n");
        facts.append("Customer: ")
                .append(CUSTOMER_NAME.get(task))
                .append(", ")
                .append(CUSTOMER_TIER.get(task))
                .append("; email ")
                .append(orNone(CUSTOMER_EMAIL.get(task)))
                .append("; phone ")
                .append(orNone(CUSTOMER_PHONE.get(task)))
                .append('.');
        String reason = CONTACT_REASON.get(task);
        if (reason != null && OpenCalls.CONTACT_TASK.equals(task.getTaskDefinitionKey())) {
            facts.append("\nWhy call: ").append(reason).append('.');
        }
        return facts.toString();
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}
