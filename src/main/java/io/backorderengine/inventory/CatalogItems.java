package io.backorderengine.inventory;

import java.math.BigDecimal;

import io.backorderengine.system.PlainText;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What a shop sends to load or change its catalog, one item of a bulk upload each. */
public final class CatalogItems {

    /** Ids a shop's systems use; they appear in URLs and logs, so plain and short. */
    static final String ID = "[A-Za-z0-9._:-]+";

    private CatalogItems() {}

    /**
     * @param leadTimeDays how long the supplier takes from an order to delivery: the expected date of a
     *                     shortfall no open purchase order covers
     */
    public record Supplier(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String supplierId,
            @NotBlank @Size(max = 200) @PlainText String name,
            @NotNull @Min(0) @Max(365) Integer leadTimeDays) {}

    /**
     * @param category     products of one category at a similar price are offered as alternatives
     * @param currency     optional; when given, the shop's currency (prices are all in one)
     * @param backorderCap units that may wait for the SKU at most; null for the default rule (open supply
     *                     plus {@code backorder.inventory.cap-margin})
     */
    public record Product(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String sku,
            @NotBlank @Size(max = 200) @PlainText String name,
            @Size(max = 100) @PlainText String category,

            @NotNull @DecimalMin("0.00") @DecimalMax("9999999999.99") @Digits(integer = 10, fraction = 2)
            BigDecimal unitPrice,

            @Size(max = 3) String currency,
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String supplierId,
            @Min(0) @Max(10_000_000) Integer backorderCap) {}

    /**
     * "{@code substituteSku} can stand in for {@code sku}".
     *
     * @param remove true to take the relation away
     */
    public record Substitute(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String sku,
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String substituteSku,
            Boolean remove) {

        String key() {
            return sku + " -> " + substituteSku;
        }
    }

    /**
     * A stock take's count or an adjustment of a SKU's free units, booked once per {@code changeId}.
     * Exactly one of {@code countedOnHand} (units free to sell, as counted: not those already held for
     * orders or cases) and {@code adjustBy} (returns add, damage takes away). Units that come to the
     * shelf serve the waiting line first, as a receipt's do.
     *
     * @param reason why, for the record; required with {@code adjustBy}
     */
    public record StockChange(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String changeId,
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String sku,
            @Min(0) @Max(10_000_000) Integer countedOnHand,
            @Min(-10_000_000) @Max(10_000_000) Integer adjustBy,
            @Size(max = 200) @PlainText String reason) {}
}
