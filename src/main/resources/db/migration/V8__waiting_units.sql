-- Units still missing for a SKU's waiting cases, kept as a running total on the product row (which every
-- change of the waiting line locks anyway): the backorder cap is checked in constant time, however long
-- the line, instead of summing it for every order.
alter table product add column waiting_units int default 0 not null;
update product set waiting_units = (select coalesce(sum(d.quantity_short - d.quantity_allocated), 0)
                                    from backorder_demand d where d.sku = product.sku and d.status = 'WAITING');

-- Intake registers a case with the order and starts its process right after commit; the cases whose start
-- did not happen (the node stopped in between) are found through this index, not by reading every case.
create index backorder_case_unstarted on backorder_case (process_instance_id, opened_at);
