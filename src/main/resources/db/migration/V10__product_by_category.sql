-- In-stock alternatives are the same category's products within a price band (Substitutes.inStock),
-- looked up for every new case: without this index each lookup read the whole catalog.
create index product_by_category on product (category, unit_price);
