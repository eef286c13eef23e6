-- What the KPIs count per case, kept on the case row as the facts happen, so the insights read one row per
-- case instead of joining promises, offers, decisions and the communication log (100,000 cases in well
-- under a second on PostgreSQL).
alter table backorder_case add column first_promised_date date;
alter table backorder_case add column offered boolean default false not null;
alter table backorder_case add column offered_discount boolean default false not null;
alter table backorder_case add column offered_alternative boolean default false not null;
alter table backorder_case add column customer_waited boolean default false not null;
-- emails about the case the mail server accepted (one email about several lines counts for each)
alter table backorder_case add column emails_sent int default 0 not null;

update backorder_case set first_promised_date = (select p.expected_date from case_promise p
    where p.promise_id = (select min(f.promise_id) from case_promise f where f.case_id = backorder_case.case_id));
update backorder_case set offered = true
    where exists (select 1 from case_offer o where o.case_id = backorder_case.case_id);
update backorder_case set offered_discount = true
    where exists (select 1 from case_offer o where o.case_id = backorder_case.case_id and o.discount_percent > 0);
update backorder_case set offered_alternative = true
    where exists (select 1 from case_offer o join case_offer_alternative a on a.offer_id = o.offer_id
                  where o.case_id = backorder_case.case_id);
update backorder_case set customer_waited = true
    where exists (select 1 from case_decision d where d.case_id = backorder_case.case_id and d.decision = 'WAIT');
update backorder_case set emails_sent =
    (select count(*) from communication m where m.case_id = backorder_case.case_id and m.state in ('SENT', 'BOUNCED'))
  + (select count(*) from communication_coverage v join communication m on m.communication_id = v.communication_id
     where v.case_id = backorder_case.case_id and m.case_id <> v.case_id and m.state in ('SENT', 'BOUNCED'));
