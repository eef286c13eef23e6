package io.backorderengine.inventory;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products that can stand in for another, from the substitute relation. */
@Repository
class Substitutes {

    private final JdbcClient jdbc;

    Substitutes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Substitutes that have at least {@code quantity} units on hand, cheapest first. */
    List<Alternative> inStock(String sku, int quantity) {
        return jdbc.sql("""
                        select p.sku, p.name, p.unit_price from substitute s join product p on p.sku = s.substitute_sku
                        where s.sku = ? and p.on_hand >= ? and p.sku <> s.sku
                        order by p.unit_price, p.sku""")
                .params(sku, quantity).query(Alternative.class).list();
    }
}
