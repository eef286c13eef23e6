package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** What a new backorder case needs to know about its order line and customer. */
public record OpenCase(String orderId, String lineId, String sku, int quantityOrdered, int quantityShort,
                       BigDecimal unitPrice, Customer customer, LocalDateTime orderedAt, boolean shipComplete) {

    /**
     * The customer as the case keeps them.
     *
     * @param email    may be null when a phone is given: an agent then contacts the customer
     * @param language {@code en} or {@code de}
     * @param timeZone an IANA zone id
     */
    public record Customer(String id, String name, String email, String phone, String tier, String language,
                           String timeZone) {
    }

    /** The same case at the catalog price (cases started through the engine's REST API bring none). */
    public OpenCase withUnitPrice(BigDecimal price) {
        return new OpenCase(orderId, lineId, sku, quantityOrdered, quantityShort, price, customer, orderedAt, shipComplete);
    }

    /** The business key: {@code <orderId>-<lineId>} (line ids contain no '-'). */
    public String caseId() {
        return caseId(orderId, lineId);
    }

    public static String caseId(String orderId, String lineId) {
        return orderId + "-" + lineId;
    }
}
