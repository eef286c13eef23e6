-- Every state, status, outcome, source and ledger kind is one of its enum's names in the code; the database
-- refuses anything else, so a typo or a stale value fails where it is written instead of being read as
-- "unknown" later. StateColumnsTests compares each list with its enum.
alter table communication add constraint communication_state
    check (state in ('SENDING', 'SENT', 'FAILED', 'LOGGED', 'UNDELIVERABLE', 'BOUNCED'));
alter table backorder_demand add constraint backorder_demand_status
    check (status in ('WAITING', 'FILLED', 'WITHDRAWN'));
alter table reservation add constraint reservation_source
    check (source in ('INTAKE', 'RECEIPT', 'ALTERNATIVE'));
alter table purchase_order add constraint purchase_order_status
    check (status in ('OPEN', 'CLOSED'));
alter table order_line add constraint order_line_outcome
    check (outcome in ('RESERVED', 'PARTIALLY_BACKORDERED', 'BACKORDERED', 'PARTIALLY_REFUSED', 'REFUSED'));
alter table case_message add constraint case_message_outcome
    check (outcome in ('DELIVERED', 'DISCARDED', 'FAILED'));
alter table backorder_case add constraint backorder_case_status
    check (status in ('OPEN', 'FULFILLED', 'ALTERNATIVE_ACCEPTED', 'CANCELLED'));
alter table case_promise add constraint case_promise_basis
    check (basis in ('PURCHASE_ORDER', 'LEAD_TIME'));
alter table case_ledger add constraint case_ledger_kind
    check (kind in ('OPENED', 'PROMISED', 'OFFERED', 'ALLOCATED', 'DECIDED', 'SWITCHED', 'RELEASED', 'PRIORITIZED',
                    'ESCALATED', 'RE_ESCALATED', 'WAIT_EXTENDED', 'TASK_CREATED', 'TASK_COMPLETED', 'TASK_WITHDRAWN',
                    'EMAIL', 'EMAIL_SKIPPED', 'CUSTOMER_UNREACHABLE', 'MESSAGE_DISCARDED', 'MESSAGE_FAILED', 'CLOSED'));
