package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** What a new backorder case needs to know about its order line and customer. */
public record OpenCase(String orderId, String lineId, String sku, int quantityOrdered, int quantityShort,
                       BigDecimal unitPrice,
                       String customerId, String customerName, String customerEmail, String customerTier,
                       LocalDateTime orderedAt) {

    /** The same case at the catalog price (cases started through the engine's REST API bring none). */
    public OpenCase withUnitPrice(BigDecimal price) {
        return new OpenCase(orderId, lineId, sku, quantityOrdered, quantityShort, price, customerId, customerName,
                customerEmail, customerTier, orderedAt);
    }

    /** The business key: {@code <orderId>-<lineId>} (line ids contain no '-'). */
    public String caseId() {
        return caseId(orderId, lineId);
    }

    public static String caseId(String orderId, String lineId) {
        return orderId + "-" + lineId;
    }
}
