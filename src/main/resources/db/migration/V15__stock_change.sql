-- Stock counts (a stock take says how many units are free) and adjustments (returns, damage) booked by
-- the shop, once per change id: the same change sent again finds its row and changes nothing.
create table stock_change (
    change_id        varchar(64)  primary key,
    sku              varchar(64)  not null references product (sku),
    counted_on_hand  int          check (counted_on_hand >= 0),
    adjust_by        int,
    reason           varchar(200),
    on_hand_before   int          not null,
    on_hand_after    int          not null check (on_hand_after >= 0),
    allocated        int          not null check (allocated >= 0),
    changed_at       timestamp    not null,
    constraint stock_change_kind check ((counted_on_hand is null) <> (adjust_by is null))
);
create index stock_change_by_sku on stock_change (sku, changed_at);
