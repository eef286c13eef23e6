package io.backorderengine.inventory;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Lead times as suppliers deliver them, not as they are configured: the 80th percentile (nearest rank)
 * of the days from ordering to the last unit received, over a supplier's latest {@value #SAMPLE} fully
 * received purchase orders. The 80th percentile, not the mean, because a date promised from it should
 * hold for four orders in five; at least {@value #MINIMUM} orders, because one late delivery is no pattern.
 */
@Repository
public class LearnedLeadTimes {

    static final int SAMPLE = 20;
    static final int MINIMUM = 3;
    private static final RecordRows<Delivery> DELIVERY_ROWS = RecordRows.of(Delivery.class);

    /**
     * @param days    the learned lead time
     * @param orders  how many received purchase orders it was learned from
     */
    public record LeadTime(int days, int orders) {}

    private record Delivery(LocalDateTime createdAt, LocalDateTime receivedAt) {
        long days() {
            return ChronoUnit.DAYS.between(createdAt.toLocalDate(), receivedAt.toLocalDate());
        }
    }

    private final JdbcClient jdbc;

    LearnedLeadTimes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The supplier's learned lead time, or empty while it has delivered fewer than {@value #MINIMUM} orders. */
    public Optional<LeadTime> of(String supplierId) {
        List<Long> days = jdbc.sql("""
                        select created_at, received_at from purchase_order
                        where supplier_id = ? and received_at is not null
                        order by received_at desc fetch first %d rows only""".formatted(SAMPLE)).param(supplierId).query(DELIVERY_ROWS).list().stream()
                .map(Delivery::days)
                .sorted()
                .toList();
        if (days.size() < MINIMUM) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(0.8 * days.size());
        return Optional.of(new LeadTime(Math.toIntExact(days.get(rank - 1)), days.size()));
    }
}
