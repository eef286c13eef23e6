-- The case desk: agents' notes and corrected addresses are steps of the case like any other; a closed case
-- that ended badly records its root cause.
alter table case_ledger drop constraint case_ledger_kind;
alter table case_ledger add constraint case_ledger_kind
    check (kind in ('OPENED', 'PROMISED', 'OFFERED', 'ALLOCATED', 'DECIDED', 'SWITCHED', 'RELEASED', 'PRIORITIZED',
                    'ESCALATED', 'RE_ESCALATED', 'WAIT_EXTENDED', 'TASK_CREATED', 'TASK_COMPLETED', 'TASK_WITHDRAWN',
                    'EMAIL', 'EMAIL_SKIPPED', 'CUSTOMER_UNREACHABLE', 'MESSAGE_DISCARDED', 'MESSAGE_FAILED', 'CLOSED',
                    'NOTE', 'EMAIL_CORRECTED', 'EMAIL_RESENT', 'CAUSE_RECORDED'));

alter table backorder_case add column root_cause varchar(24);
alter table backorder_case add constraint backorder_case_root_cause
    check (root_cause in ('SUPPLIER_SLIP', 'NO_SUPPLY_ORDERED', 'CAP_REACHED', 'DATA_ERROR', 'CUSTOMER_CHOICE',
                          'OTHER'));
