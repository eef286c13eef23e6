-- A reservation is held either for an order line (intake) or for a backorder case (a receipt's allocation, a
-- chosen alternative). Inventory no longer derives an order and line from a case id (that format is the
-- backorder module's), so a case's reservations name the case only; rows written before keep both.
alter table reservation alter column order_id drop not null;
alter table reservation alter column line_id drop not null;
alter table reservation add constraint reservation_holder
    check ((source = 'INTAKE' and order_id is not null and line_id is not null)
        or (source <> 'INTAKE' and case_id is not null));
