package io.backorderengine.inventory;

import java.util.List;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Products that can stand in for another: those the substitute relation names first, then products
 * of the same category in a price band around the item's price. Only what is in stock for the whole
 * quantity, never the item itself.
 */
@Repository
class Substitutes {

    private static final RecordRows<Alternative> ALTERNATIVE_ROWS = RecordRows.of(Alternative.class);

    private final JdbcClient jdbc;
    private final InventoryProperties properties;

    Substitutes(JdbcClient jdbc, InventoryProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    List<Alternative> inStock(String sku, int quantity) {
        return jdbc.sql("""
                        select sku, name, unit_price from (
                          select p.sku, p.name, p.unit_price, 0 as kind
                          from substitute s join product p on p.sku = s.substitute_sku
                          where s.sku = :sku and p.on_hand >= :quantity and p.sku <> :sku
                          union
                          select p.sku, p.name, p.unit_price, 1 as kind
                          from product item join product p on p.category = item.category
                          where item.sku = :sku and p.sku <> :sku and p.on_hand >= :quantity
                            and p.unit_price between item.unit_price * (1 - cast(:band as numeric(6,4)))
                                                and item.unit_price * (1 + cast(:band as numeric(6,4)))
                            and not exists (select 1 from substitute s where s.sku = :sku and s.substitute_sku = p.sku)
                        ) candidates
                        order by kind, unit_price, sku
                        fetch first %d rows only""".formatted(properties.maxAlternatives()))
                .param("sku", sku)
                .param("quantity", quantity)
                .param("band", properties.substitutePriceBand())
                .query(ALTERNATIVE_ROWS)
                .list();
    }
}
