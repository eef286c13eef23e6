package io.backorderengine.backorder.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.backorder.RootCause;

/** A row of {@code backorder_case}. */
public record CaseRecord(
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
        RootCause rootCause,
        int priority,
        boolean shipComplete,
        LocalDate firstPromisedDate,
        boolean offeredDiscount) {

    /** The case as it was opened: what its process starts with. */
    public OpenCase opened() {
        return new OpenCase(
                orderId, lineId, sku, quantityOrdered, quantityShort, unitPrice, customer(), openedAt, shipComplete);
    }

    public OpenCase.Customer customer() {
        return new OpenCase.Customer(
                customerId,
                customerName,
                customerEmail,
                customerPhone,
                customerTier,
                customerLanguage,
                customerTimeZone);
    }

    public BigDecimal lineValue() {
        return unitPrice.multiply(BigDecimal.valueOf(quantityShort));
    }
}
