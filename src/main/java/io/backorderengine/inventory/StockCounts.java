package io.backorderengine.inventory;

import java.time.LocalDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What stock counts said about the stock figures: a count that changed them found them wrong. */
@Repository
public class StockCounts {

    private final JdbcClient jdbc;

    StockCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a stock count since then found the SKU's figure wrong (adjustments such as returns are not counts). */
    public boolean correctedSince(String sku, LocalDateTime since) {
        return jdbc.sql("""
                        select count(*) from stock_change where sku = ? and changed_at >= ?
                        and counted_on_hand is not null and counted_on_hand <> on_hand_before""").params(sku, since).query(Long.class).single() > 0;
    }
}
