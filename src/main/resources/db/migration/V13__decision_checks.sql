-- A customer's decision is stored as its enum's name, as every other state is (V11), and the database
-- refuses anything else. Decisions recorded before held the lower-case code the API shows.
update case_decision set decision = upper(decision);
alter table case_decision add constraint case_decision_decision
    check (decision in ('WAIT', 'ALTERNATIVE', 'CANCEL'));
