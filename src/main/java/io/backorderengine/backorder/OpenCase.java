package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.time.LocalDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** What a new backorder case needs to know about its order line and customer. */
public record OpenCase(
        @CaseFormats.OrderId String orderId,
        @CaseFormats.LineId String lineId,
        @CaseFormats.Code String sku,
        @CaseFormats.Quantity int quantityOrdered,
        @CaseFormats.Quantity int quantityShort,
        BigDecimal unitPrice,
        @NotNull @Valid Customer customer,
        LocalDateTime orderedAt,
        boolean shipComplete) {

    /**
     * The customer as the case keeps them.
     *
     * @param email    may be null when a phone is given: an agent then contacts the customer
     * @param language {@code en} or {@code de}
     * @param timeZone an IANA zone id
     */
    public record Customer(
            @CaseFormats.Code String id,
            @CaseFormats.Name String name,
            @CaseFormats.EmailAddress String email,
            @CaseFormats.Phone String phone,

            @NotNull @Pattern(regexp = "STANDARD|SILVER|GOLD", message = "must be STANDARD, SILVER or GOLD")
            String tier,

            @NotNull @CaseFormats.Language String language,
            @NotNull @CaseFormats.TimeZone String timeZone) {}

    /** The same case at the catalog price (cases started through the engine's REST API bring none). */
    public OpenCase withUnitPrice(BigDecimal price) {
        return new OpenCase(
                orderId, lineId, sku, quantityOrdered, quantityShort, price, customer, orderedAt, shipComplete);
    }

    /** The business key: {@code <orderId>-<lineId>} (line ids contain no '-'). */
    public String caseId() {
        return caseId(orderId, lineId);
    }

    public static String caseId(String orderId, String lineId) {
        return orderId + "-" + lineId;
    }
}
