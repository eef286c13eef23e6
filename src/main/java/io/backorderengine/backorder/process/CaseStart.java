package io.backorderengine.backorder.process;

import static io.backorderengine.backorder.process.BackorderProcess.*;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.backorderengine.backorder.InvalidCaseException;
import io.backorderengine.backorder.OpenCase;

/**
 * The variables a case starts with, whoever starts it (intake, or an order system through
 * {@code /engine-rest}): which there are, and the case they describe.
 */
final class CaseStart {

    /** Every variable a start may carry; anything else is refused. */
    static final List<Variable<?>> VARIABLES = List.of(
            ORDER_ID,
            LINE_ID,
            SKU,
            QUANTITY_ORDERED,
            QUANTITY_SHORT,
            CUSTOMER_ID,
            CUSTOMER_NAME,
            CUSTOMER_EMAIL,
            CUSTOMER_PHONE,
            CUSTOMER_TIER,
            CUSTOMER_LANGUAGE,
            CUSTOMER_TIME_ZONE,
            ORDERED_AT,
            SHIP_COMPLETE);

    private CaseStart() {}

    /**
     * The case the start variables describe (not yet checked: see {@code CaseRegistry}).
     *
     * @param now the order time when the start does not say
     */
    static OpenCase openCase(Map<String, ?> variables, LocalDateTime now) {
        Integer quantityShort = QUANTITY_SHORT.get(variables);
        if (quantityShort == null) {
            throw new InvalidCaseException(QUANTITY_SHORT.name(), "is required");
        }
        Integer quantityOrdered = QUANTITY_ORDERED.get(variables);
        Date orderedAt = ORDERED_AT.get(variables);
        return new OpenCase(
                ORDER_ID.get(variables),
                LINE_ID.get(variables),
                SKU.get(variables),
                quantityOrdered == null ? quantityShort : quantityOrdered,
                quantityShort,
                null,
                new OpenCase.Customer(
                        CUSTOMER_ID.get(variables),
                        CUSTOMER_NAME.get(variables),
                        CUSTOMER_EMAIL.get(variables),
                        CUSTOMER_PHONE.get(variables),
                        CUSTOMER_TIER.get(variables),
                        orDefault(CUSTOMER_LANGUAGE.get(variables), "en"),
                        orDefault(CUSTOMER_TIME_ZONE.get(variables), "UTC")),
                orderedAt == null ? now : LocalDateTime.ofInstant(orderedAt.toInstant(), ZoneId.systemDefault()),
                Boolean.TRUE.equals(SHIP_COMPLETE.get(variables)));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
