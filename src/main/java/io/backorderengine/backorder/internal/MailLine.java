package io.backorderengine.backorder.internal;

import java.util.List;
import java.util.Map;

/**
 * One case's line in a customer email: what the templates under {@code templates/mail/} may read as
 * {@code line.<name>}, and what a shop's own templates may rely on. Every value is there, formatted for
 * the customer's language; one that does not apply to the email is null (or empty, for dates).
 *
 * @param quantityReserved  units of the order line shipped from stock at once
 * @param expectedDate      the latest date promised, formatted; empty before the first promise
 * @param previousDate      the date promised before it, formatted; empty when there was none
 * @param alternatives      in-stock alternatives offered: {@code sku}, {@code name}, {@code price}
 * @param offerUnderReview  an agent is still reviewing the offer (discount, alternatives): it follows in its
 *                          own email ({@code offer})
 * @param allocatedQuantity units set aside for the case from receipts so far
 * @param alternativeSku    the alternative the customer took, with its name and price; null otherwise
 * @param reason            why the case ended, or the reason given with the email
 * @param cancelledAtRequest whether the customer (or an agent for them) asked for the cancellation
 * @param decisionLink      the customer's link to decide, on emails about an open case; null otherwise
 * @param linkValidUntil    the link's last day, formatted
 */
record MailLine(
        String caseId,
        String sku,
        String productName,
        int quantityOrdered,
        int quantityShort,
        int quantityReserved,
        String expectedDate,
        String previousDate,
        int discountPercent,
        List<Map<String, String>> alternatives,
        boolean offerUnderReview,
        int allocatedQuantity,
        int remainingQuantity,
        String alternativeSku,
        String alternativeName,
        String alternativePrice,
        String reason,
        boolean cancelledAtRequest,
        String decisionLink,
        String linkValidUntil) {}
