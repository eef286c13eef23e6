package io.backorderengine.backorder.process;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Names the BPMN model and the code share: the process key, variables and the message event ids. */
final class BackorderProcess {

    static final String KEY = "backorder";

    // facts of the order line, set at start (by intake, or by whoever starts through /engine-rest)
    static final Variable<String> ORDER_ID = Variable.string("orderId");
    static final Variable<String> LINE_ID = Variable.string("lineId");
    static final Variable<String> SKU = Variable.string("sku");
    static final Variable<Integer> QUANTITY_ORDERED = Variable.integer("quantityOrdered");
    static final Variable<Integer> QUANTITY_SHORT = Variable.integer("quantityShort");
    static final Variable<String> CUSTOMER_ID = Variable.string("customerId");
    static final Variable<String> CUSTOMER_NAME = Variable.string("customerName");
    static final Variable<String> CUSTOMER_EMAIL = Variable.string("customerEmail");
    static final Variable<String> CUSTOMER_PHONE = Variable.string("customerPhone");
    static final Variable<String> CUSTOMER_TIER = Variable.string("customerTier");
    static final Variable<String> CUSTOMER_LANGUAGE = Variable.string("customerLanguage");
    static final Variable<String> CUSTOMER_TIME_ZONE = Variable.string("customerTimeZone");
    static final Variable<Date> ORDERED_AT = Variable.date("orderedAt");
    static final Variable<Boolean> SHIP_COMPLETE = Variable.bool("shipComplete");
    /** Transient, set by intake only: the case is registered, the first step attaches to it. */
    static final Variable<Boolean> CASE_REGISTERED = Variable.bool("caseRegistered");

    // set by the case as it runs; caseId is for forms and filters to show, the code reads caseIdOf
    static final Variable<String> CASE_ID = Variable.string("caseId");
    static final Variable<String> EXPECTED_DATE = Variable.string("expectedDate");
    static final Variable<Integer> EXPECTED_WAIT_DAYS = Variable.integer("expectedWaitDays");
    static final Variable<Boolean> DATE_MOVED = Variable.bool("dateMoved");
    static final Variable<String> ALTERNATIVE_SKUS = Variable.string("alternativeSkus");
    static final Variable<Integer> ALTERNATIVE_COUNT = Variable.integer("alternativeCount");
    static final Variable<Double> LINE_VALUE = Variable.decimal("lineValue");
    static final Variable<Integer> DISCOUNT_PERCENT = Variable.integer("discountPercent");
    static final Variable<Boolean> REVIEW_REQUIRED = Variable.bool("reviewRequired");
    static final Variable<Date> MAX_WAIT_UNTIL = Variable.date("maxWaitUntil");
    static final Variable<String> REMINDER_CYCLE = Variable.string("reminderCycle");
    static final Variable<Integer> CALL_AFTER_REMINDERS = Variable.integer("callAfterReminders");
    static final Variable<Boolean> CUSTOMER_SILENT = Variable.bool("customerSilent");
    static final Variable<Date> ESCALATION_DUE_AT = Variable.date("escalationDueAt");
    static final Variable<Integer> ESCALATION_LEVEL = Variable.integer("escalationLevel");
    static final Variable<Integer> ESCALATION_PRIORITY = Variable.integer("escalationPriority");

    // captured by forms and messages
    static final Variable<String> SUPERVISOR_DECISION = Variable.string("supervisorDecision");
    static final Variable<String> CUSTOMER_DECISION = Variable.string("customerDecision");
    static final Variable<String> ALTERNATIVE_SKU = Variable.string("alternativeSku");
    static final Variable<String> CANCEL_REASON = Variable.string("cancelReason");
    /** When an agent or supervisor cancels: why it came to this, a {@code RootCause} name (optional). */
    static final Variable<String> ROOT_CAUSE = Variable.string("rootCause");

    static final Variable<String> DECISION_REFUSAL = Variable.string("decisionRefusal");
    static final Variable<Integer> ALLOCATED_QUANTITY = Variable.integer("allocatedQuantity");
    static final Variable<Integer> REMAINING_QUANTITY = Variable.integer("remainingQuantity");
    static final Variable<String> SUPPLY_CHANGE_REASON = Variable.string("supplyChangeReason");
    static final Variable<String> CONTACT_REASON = Variable.string("contactReason");

    // written on each user task for its form
    static final Variable<String> CASE_SNAPSHOT = Variable.string("caseSnapshot");
    static final Variable<String> CASE_LINK = Variable.string("caseLink");
    /** The case's facts as a person reads them, on each task (local): what the forms show. */
    static final Variable<String> CASE_FACTS = Variable.string("caseFacts");

    // extension property of the send-email tasks (set in the model, or by the Modeler element template)
    static final Variable<String> TEMPLATE = Variable.string("template");

    // BPMN errors
    static final String ERROR_CASE_CANCELLED = "CaseCancelled";
    static final String ERROR_ALREADY_ALLOCATED = "AlreadyAllocated";
    static final String ERROR_DECISION_REFUSED = "DecisionRefused";

    private BackorderProcess() {}

    /**
     * The case an execution belongs to: the business key, which no one can change after the start. Never
     * the {@code caseId} variable, which a task completion or a variable update could overwrite.
     */
    static String caseIdOf(DelegateExecution execution) {
        String caseId = execution.getProcessBusinessKey();
        if (caseId == null || caseId.isBlank()) {
            throw new IllegalStateException(
                    "process instance " + execution.getProcessInstanceId() + " has no business key");
        }
        return caseId;
    }

    /** The case of a user task of a backorder case; null for tasks of other processes. */
    static String caseIdOf(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        if (execution == null
                || execution.getProcessDefinitionId() == null
                || !execution.getProcessDefinitionId().startsWith(KEY + ":")) {
            return null;
        }
        return caseIdOf(execution);
    }
}
