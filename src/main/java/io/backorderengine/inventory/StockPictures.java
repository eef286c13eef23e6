package io.backorderengine.inventory;

import java.math.BigDecimal;
import java.util.Optional;

import io.backorderengine.system.CustomerFormats;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads a product's stock picture: the catalog row, what is held, what waits and what is coming. */
@Component
class StockPictures {

    private static final RecordRows<Row> ROWS = RecordRows.of(Row.class);

    private record Row(
            String sku,
            String name,
            String category,
            BigDecimal unitPrice,
            String supplierId,
            int leadTimeDays,
            Integer backorderCap,
            int onHand,
            int reserved,
            int allocated,
            int waitingCases,
            int waitingUnits) {}

    private final JdbcClient jdbc;
    private final PurchaseOrders purchaseOrders;

    StockPictures(JdbcClient jdbc, PurchaseOrders purchaseOrders) {
        this.jdbc = jdbc;
        this.purchaseOrders = purchaseOrders;
    }

    @Transactional(readOnly = true)
    Optional<StockPicture> of(String sku) {
        return jdbc.sql("""
                        select p.sku, p.name, p.category, p.unit_price, p.supplier_id, s.lead_time_days, p.backorder_cap,
                               p.on_hand,
                               (select coalesce(sum(r.quantity), 0) from reservation r
                                where r.sku = p.sku and r.source = ? and r.released_at is null) as reserved,
                               (select coalesce(sum(r.quantity), 0) from reservation r
                                where r.sku = p.sku and r.source <> ? and r.released_at is null) as allocated,
                               (select count(*) from backorder_demand d
                                where d.sku = p.sku and d.status = ?) as waiting_cases,
                               (select coalesce(sum(d.quantity_short - d.quantity_allocated), 0) from backorder_demand d
                                where d.sku = p.sku and d.status = ?) as waiting_units
                        from product p join supplier s on s.supplier_id = p.supplier_id
                        where p.sku = ?""")
                .params(
                        ReservationSource.INTAKE.name(),
                        ReservationSource.INTAKE.name(),
                        DemandStatus.WAITING.name(),
                        DemandStatus.WAITING.name(),
                        sku)
                .query(ROWS)
                .optional()
                .map(row -> new StockPicture(
                        row.sku(),
                        row.name(),
                        row.category(),
                        row.unitPrice(),
                        CustomerFormats.currency().getCurrencyCode(),
                        row.supplierId(),
                        row.leadTimeDays(),
                        row.backorderCap(),
                        row.onHand(),
                        row.reserved(),
                        row.allocated(),
                        row.waitingCases(),
                        row.waitingUnits(),
                        purchaseOrders.open(row.sku())));
    }
}
