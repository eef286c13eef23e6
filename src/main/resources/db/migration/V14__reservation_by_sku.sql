-- A product's stock picture (GET /api/inventory/products/{sku}) sums what is held of the SKU; without
-- this index that is a scan of every reservation ever made.
create index reservation_by_sku on reservation (sku);
