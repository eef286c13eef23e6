-- Lists: cases by customer email and by age, orders by customer, newest first.
create index backorder_case_by_email on backorder_case (customer_email, opened_at);
create index backorder_case_by_opened on backorder_case (opened_at);
create index customer_order_by_customer on customer_order (customer_id, placed_at);
