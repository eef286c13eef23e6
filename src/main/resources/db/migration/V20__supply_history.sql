-- What a supplier first promised for a purchase order and when the last of it came: the supplier truth
-- compares the two, and the lead times learned from them may replace the configured ones.
-- (nullable: rows written without it, such as the demo catalog's, fall back to expected_date)
alter table purchase_order add column first_expected_date date;
update purchase_order set first_expected_date = expected_date;

-- set when the received quantity reaches the ordered quantity
alter table purchase_order add column received_at timestamp;
update purchase_order set received_at = (select max(r.received_at) from stock_receipt r
                                         where r.purchase_order_id = purchase_order.purchase_order_id)
where quantity_received >= quantity;
create index purchase_order_received on purchase_order (supplier_id, received_at);
