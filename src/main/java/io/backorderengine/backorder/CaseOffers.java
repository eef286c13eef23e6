package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.backorderengine.backorder.internal.CaseOutcomes;
import io.backorderengine.backorder.internal.CaseRecord;
import io.backorderengine.backorder.internal.CaseRepository;
import io.backorderengine.inventory.Alternative;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.Product;
import io.backorderengine.system.CustomerFormats;
import io.backorderengine.system.RecordRows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a case offers its customer: in-stock alternatives and a goodwill discount. */
@Service
public class CaseOffers {

    private static final RecordRows<OfferRow> OFFER_ROW_ROWS = RecordRows.of(OfferRow.class);
    private static final String OFFERS_OF_CASE = """
            select offer_id, discount_percent, review_required, reviewed_by, offered_at
            from case_offer where case_id = ?""";
    private static final RecordRows<Alternative> ALTERNATIVE_ROWS = RecordRows.of(Alternative.class);

    /** An offer as recorded; the latest one is the one the customer can act on. */
    public record Offer(
            int discountPercent,
            boolean reviewRequired,
            String reviewedBy,
            LocalDateTime offeredAt,
            List<Alternative> alternatives) {

        public boolean offers(String sku) {
            return alternatives.stream().anyMatch(a -> a.sku().equals(sku));
        }

        /** The alternatives as a customer reads them (email or decision page): SKU, name, price in their language. */
        public List<Map<String, String>> alternativesShownIn(Locale locale) {
            return alternatives.stream()
                    .map(a -> Map.of(
                            "sku", a.sku(), "name", a.name(), "price", CustomerFormats.money(a.unitPrice(), locale)))
                    .toList();
        }
    }

    private record OfferRow(
            long offerId, int discountPercent, boolean reviewRequired, String reviewedBy, LocalDateTime offeredAt) {}

    private final JdbcClient jdbc;
    private final CaseRepository cases;
    private final CaseLedger ledger;
    private final Inventory inventory;
    private final CaseOutcomes outcomes;
    private final Clock clock;

    CaseOffers(
            JdbcClient jdbc,
            CaseRepository cases,
            CaseLedger ledger,
            Inventory inventory,
            CaseOutcomes outcomes,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.ledger = ledger;
        this.inventory = inventory;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** In-stock alternatives for the case's shortfall, cheapest first. */
    @Transactional(readOnly = true)
    public List<Alternative> alternatives(String caseId) {
        CaseRecord c = cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        return inventory.alternatives(c.sku(), c.quantityShort());
    }

    /** The value of the backordered quantity, the DMN's "line value". */
    @Transactional(readOnly = true)
    public BigDecimal lineValue(String caseId) {
        return cases.find(caseId)
                .orElseThrow(() -> new CaseNotFoundException(caseId))
                .lineValue();
    }

    /**
     * Records the offer the customer will see. Only alternatives that are still in stock and are not the
     * item itself are offered, whatever the list says: it comes from a process variable.
     *
     * @param alternativeSkus the alternatives found earlier, comma-separated (as kept in a process variable)
     */
    @Transactional
    public void record(
            String caseId, int discountPercent, boolean reviewRequired, String reviewedBy, String alternativeSkus) {
        // under the case's lock, as its emails are written: an email composed without this offer was
        // written before it (CaseMails decides by that whether the offer needs an email of its own)
        cases.lock(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
        List<String> available =
                alternatives(caseId).stream().map(Alternative::sku).toList();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        insert into case_offer (case_id, discount_percent, review_required, reviewed_by, offered_at)
                        values (?, ?, ?, ?, ?)""")
                .params(caseId, discountPercent, reviewRequired, reviewedBy, LocalDateTime.now(clock))
                .update(keys, "offer_id");
        long offerId = keys.getKey().longValue();
        List<String> skus = alternativeSkus == null || alternativeSkus.isBlank()
                ? List.of()
                : Arrays.stream(alternativeSkus.split(","))
                        .map(String::trim)
                        .filter(available::contains)
                        .distinct()
                        .toList();
        for (String sku : skus) {
            Product p = inventory.product(sku).orElseThrow();
            jdbc.sql("insert into case_offer_alternative (offer_id, sku, name, unit_price) values (?, ?, ?, ?)")
                    .params(offerId, p.sku(), p.name(), p.unitPrice())
                    .update();
        }
        jdbc.sql("""
                        update backorder_case set offered = true,
                        offered_discount = case when ? then true else offered_discount end,
                        offered_alternative = case when ? then true else offered_alternative end
                        where case_id = ?""").params(discountPercent > 0, !skus.isEmpty(), caseId).update();
        ledger.record(
                caseId,
                CaseLedgerKind.OFFERED,
                reviewedBy,
                "discount %d%%, alternatives %s%s"
                        .formatted(
                                discountPercent,
                                skus.isEmpty() ? "none" : String.join(", ", skus),
                                reviewRequired ? ", reviewed" : ""));
        if (discountPercent > 0) {
            outcomes.record(caseId, OutcomeType.DISCOUNT_GRANTED, Map.of("discountPercent", discountPercent));
        }
    }

    public Optional<Offer> latest(String caseId) {
        return jdbc.sql(OFFERS_OF_CASE + " order by offer_id desc fetch first 1 rows only")
                .param(caseId)
                .query(OFFER_ROW_ROWS)
                .optional()
                .map(this::withAlternatives);
    }

    public List<Offer> history(String caseId) {
        return jdbc.sql(OFFERS_OF_CASE + " order by offer_id").param(caseId).query(OFFER_ROW_ROWS).list().stream()
                .map(this::withAlternatives)
                .toList();
    }

    private Offer withAlternatives(OfferRow row) {
        return new Offer(
                row.discountPercent(),
                row.reviewRequired(),
                row.reviewedBy(),
                row.offeredAt(),
                jdbc.sql("""
                                select sku, name, unit_price from case_offer_alternative
                                where offer_id = ? order by unit_price, sku""").param(row.offerId()).query(ALTERNATIVE_ROWS).list());
    }
}
