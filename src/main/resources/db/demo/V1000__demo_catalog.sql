-- Demo catalog for the `demo` profile only (flyway.locations includes db/demo there and nowhere else).
-- Dates are relative to the first start, so the demo always has supply in the future.

insert into supplier (supplier_id, name, lead_time_days) values
    ('SUP-NORDIC', 'Nordic Outdoor Supply', 14),
    ('SUP-ALPINE', 'Alpine Gear Works', 21),
    ('SUP-COAST',  'Coastline Textiles', 7);

insert into product (sku, name, category, unit_price, supplier_id, on_hand) values
    ('TENT-2P',     'Trail tent, 2 persons',          'tents',        249.00, 'SUP-NORDIC', 12),
    ('TENT-3P',     'Trail tent, 3 persons',          'tents',        319.00, 'SUP-NORDIC',  0),
    ('TENT-3P-XL',  'Basecamp tent, 3 persons XL',    'tents',        359.00, 'SUP-NORDIC',  4),
    ('BAG-DOWN-M',  'Down sleeping bag, size M',      'sleeping',     189.00, 'SUP-ALPINE',  2),
    ('BAG-DOWN-L',  'Down sleeping bag, size L',      'sleeping',     199.00, 'SUP-ALPINE',  0),
    ('BAG-SYNTH-L', 'Synthetic sleeping bag, size L', 'sleeping',     129.00, 'SUP-ALPINE', 20),
    ('STOVE-GAS',   'Compact gas stove',              'cooking',       59.00, 'SUP-ALPINE',  0),
    ('STOVE-MULTI', 'Multi-fuel stove',               'cooking',      139.00, 'SUP-ALPINE',  6),
    ('JACKET-RAIN', 'Rain jacket',                    'clothing',      99.00, 'SUP-COAST',   0),
    ('SOCKS-WOOL',  'Merino socks, 3 pairs',          'clothing',      29.00, 'SUP-COAST',  80);

insert into substitute (sku, substitute_sku) values
    ('TENT-3P',    'TENT-3P-XL'),
    ('TENT-3P',    'TENT-2P'),
    ('BAG-DOWN-L', 'BAG-SYNTH-L'),
    ('BAG-DOWN-L', 'BAG-DOWN-M'),
    ('STOVE-GAS',  'STOVE-MULTI');

insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, expected_date, status, created_at, updated_at) values
    ('PO-DEMO-1', 'TENT-3P',     'SUP-NORDIC', 10, current_date + interval '9' day,  'OPEN', current_timestamp, current_timestamp),
    ('PO-DEMO-2', 'BAG-DOWN-L',  'SUP-ALPINE',  5, current_date + interval '18' day, 'OPEN', current_timestamp, current_timestamp),
    ('PO-DEMO-3', 'JACKET-RAIN', 'SUP-COAST',  30, current_date + interval '5' day,  'OPEN', current_timestamp, current_timestamp);
