-- How a customer's decision reached the case, beside who recorded it: the customer's own link, an order
-- system's API call (decided_by is its technical user), an agent who phoned the customer, or a supervisor
-- cancelling an escalated case (the only one that is not the customer's decision). Decisions recorded
-- before this column have 'customer' (the link or the API, which then could not be told apart) or an
-- agent's or supervisor's id.
alter table case_decision add column channel varchar(20);
update case_decision set channel = case when decided_by = 'customer' then 'CUSTOMER_PAGE' else 'AGENT' end;
alter table case_decision alter column channel set not null;
alter table case_decision add constraint case_decision_channel
    check (channel in ('CUSTOMER_PAGE', 'API', 'AGENT', 'SUPERVISOR'));
