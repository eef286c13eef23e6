package io.backorderengine.backorder;

/** What a line of a case's ledger records; stored by name in {@code case_ledger.kind} (a CHECK lists them). */
public enum CaseLedgerKind {
    /** The case was registered for its order line. */
    OPENED,
    /** An expected date was promised (every promise is a line). */
    PROMISED,
    /** Alternatives and a discount were offered. */
    OFFERED,
    /** Stock was allocated to the case, in full or in part. */
    ALLOCATED,
    /** The customer (or someone on their behalf) decided. */
    DECIDED,
    /** The customer took the alternative. */
    SWITCHED,
    /** What was held for the case went back to stock or the next in line. */
    RELEASED,
    /** A supervisor moved the case in its waiting line. */
    PRIORITIZED,
    /** The case waited past its limit: a supervisor was asked. */
    ESCALATED,
    /** An escalation was not resolved in time and was raised again. */
    RE_ESCALATED,
    /** A supervisor let the case wait longer. */
    WAIT_EXTENDED,
    /** A user task was created, completed or withdrawn. */
    TASK_CREATED,
    TASK_COMPLETED,
    TASK_WITHDRAWN,
    /** An email about the case was recorded (sent, kept, or failed for good). */
    EMAIL,
    /** An email was not sent because the case had ended meanwhile. */
    EMAIL_SKIPPED,
    /** An email could not reach the customer: an agent calls. */
    CUSTOMER_UNREACHABLE,
    /** A case message arrived after the case ended and was dropped. */
    MESSAGE_DISCARDED,
    /** A case message could not be delivered within its attempts. */
    MESSAGE_FAILED,
    /** The case ended; the detail says how. */
    CLOSED,
    /** An agent's note. */
    NOTE,
    /** An agent corrected the customer's email address. */
    EMAIL_CORRECTED,
    /** An agent had the last email sent again. */
    EMAIL_RESENT,
    /** Why a case ended badly (cancelled, or shipped after its first promised date). */
    CAUSE_RECORDED
}
