package io.backorderengine.backorder;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** A row of {@code backorder_case}. */
record CaseRecord(
        String caseId,
        String orderId,
        String lineId,
        String sku,
        int quantityOrdered,
        int quantityShort,
        BigDecimal unitPrice,
        String customerId,
        String customerName,
        String customerEmail,
        String customerPhone,
        String customerTier,
        String customerLanguage,
        String customerTimeZone,
        CaseStatus status,
        String processInstanceId,
        LocalDateTime openedAt,
        LocalDateTime closedAt,
        String closeReason,
        int priority,
        boolean shipComplete) {

    /** The case as it was opened: what its process starts with. */
    OpenCase opened() {
        return new OpenCase(
                orderId, lineId, sku, quantityOrdered, quantityShort, unitPrice, customer(), openedAt, shipComplete);
    }

    OpenCase.Customer customer() {
        return new OpenCase.Customer(
                customerId,
                customerName,
                customerEmail,
                customerPhone,
                customerTier,
                customerLanguage,
                customerTimeZone);
    }

    BigDecimal lineValue() {
        return unitPrice.multiply(BigDecimal.valueOf(quantityShort));
    }
}
