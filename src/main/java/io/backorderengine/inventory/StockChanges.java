package io.backorderengine.inventory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.backorderengine.system.RecordRows;
import jakarta.validation.Validator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books stock counts and adjustments, each once per change id and in a transaction of its own: it locks
 * one product only for its own arithmetic, so intake for that SKU waits for one change, not for a whole
 * stock take. Units that come to the shelf serve the waiting line first, as a receipt's do, and the
 * cases they fill are woken after the commit.
 */
@Service
class StockChanges {

    private static final RecordRows<Booked> BOOKED_ROWS = RecordRows.of(Booked.class);

    /** A change as booked: what was sent, to tell a repeat from a different change under the same id. */
    private record Booked(String sku, Integer countedOnHand, Integer adjustBy, String reason) {

        boolean sameAs(CatalogItems.StockChange change) {
            return sku.equals(change.sku())
                    && Objects.equals(countedOnHand, change.countedOnHand())
                    && Objects.equals(adjustBy, change.adjustBy())
                    && Objects.equals(reason, change.reason());
        }
    }

    private final JdbcClient jdbc;
    private final ProductStock stock;
    private final Allocator allocator;
    private final TransactionTemplate transaction;
    private final Validator validator;
    private final Clock clock;

    StockChanges(
            JdbcClient jdbc,
            ProductStock stock,
            Allocator allocator,
            PlatformTransactionManager transactions,
            Validator validator,
            Clock clock) {
        this.jdbc = jdbc;
        this.stock = stock;
        this.allocator = allocator;
        this.transaction = new TransactionTemplate(transactions);
        this.validator = validator;
        this.clock = clock;
    }

    BulkResult book(List<CatalogItems.StockChange> changes) {
        return BulkUpload.screen(changes, CatalogItems.StockChange::changeId, "changeId", validator)
                .decide(change -> {
                    try {
                        return transaction.execute(tx -> bookOne(change));
                    } catch (DuplicateKeyException bookedConcurrently) {
                        // the same change id came in another request a moment ago: answer as a repeat
                        return transaction.execute(tx -> bookOne(change));
                    }
                });
    }

    /** Decides everything before it writes, so a refusal leaves nothing behind. */
    private BulkUpload.Verdict bookOne(CatalogItems.StockChange change) {
        if ((change.countedOnHand() == null) == (change.adjustBy() == null)) {
            return BulkUpload.Verdict.refused(
                    "countedOnHand", "give either countedOnHand (a stock take) or adjustBy (an adjustment)");
        }
        if (change.adjustBy() != null
                && (change.reason() == null || change.reason().isBlank())) {
            return BulkUpload.Verdict.refused("reason", "is required with adjustBy");
        }
        Optional<Booked> earlier = jdbc.sql(
                        "select sku, counted_on_hand, adjust_by, reason from stock_change where change_id = ?")
                .param(change.changeId())
                .query(BOOKED_ROWS)
                .optional();
        if (earlier.isPresent()) {
            return earlier.get().sameAs(change)
                    ? BulkUpload.Verdict.UNCHANGED
                    : BulkUpload.Verdict.refused("changeId", "was booked before with other content");
        }
        if (stock.find(change.sku()).isEmpty()) {
            return BulkUpload.Verdict.refused("sku", "unknown SKU " + change.sku());
        }
        Product product = stock.lock(change.sku());
        int target = change.countedOnHand() != null ? change.countedOnHand() : product.onHand() + change.adjustBy();
        if (target < 0) {
            return BulkUpload.Verdict.refused(
                    "adjustBy",
                    "only %d unit(s) of %s are free; %d cannot be taken away"
                            .formatted(product.onHand(), change.sku(), -change.adjustBy()));
        }
        int allocated = 0;
        if (target > product.onHand()) {
            allocated = allocator.allocate(product, target - product.onHand(), null).stream()
                    .mapToInt(StockAllocated::quantity)
                    .sum();
        } else if (target < product.onHand()) {
            stock.setOnHand(change.sku(), target);
        }
        jdbc.sql("""
                        insert into stock_change (change_id, sku, counted_on_hand, adjust_by, reason, on_hand_before,
                                                  on_hand_after, allocated, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        change.changeId(),
                        change.sku(),
                        change.countedOnHand(),
                        change.adjustBy(),
                        change.reason(),
                        product.onHand(),
                        target - allocated,
                        allocated,
                        LocalDateTime.now(clock))
                .update();
        return BulkUpload.Verdict.CREATED;
    }
}
