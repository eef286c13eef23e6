-- Restock allocation by policy: a queue rank per waiting case, ship-complete lines, supply that is
-- partly received, a backorder cap per SKU.

alter table backorder_demand add column queue_rank bigint default 0 not null;
alter table backorder_demand add column ship_complete boolean default false not null;
-- receipts serve the waiting line of a SKU in rank order; this index is that line
create index backorder_demand_rank on backorder_demand (sku, status, queue_rank, case_id);
drop index backorder_demand_queue;

alter table backorder_case add column priority int default 0 not null;
alter table backorder_case add column ship_complete boolean default false not null;

alter table customer_order add column ship_complete boolean default false not null;

alter table purchase_order add column quantity_received int default 0 not null;
alter table stock_receipt add column purchase_order_id varchar(64);

-- units that may wait for a SKU at most; null: what open supply covers plus the configured margin
alter table product add column backorder_cap int;

-- a short line the cap does not allow to wait: why it was refused
alter table order_line add column refusal_reason varchar(300);
