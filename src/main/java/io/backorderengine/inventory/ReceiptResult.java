package io.backorderengine.inventory;

import java.util.List;

/**
 * What a receipt did.
 *
 * @param duplicate true when the receipt id was seen before and nothing changed now
 * @param onHand    units left on the shelf after serving the waiting line
 */
public record ReceiptResult(
        String receiptId, String sku, int quantity, boolean duplicate, List<Allocation> allocations, int onHand) {

    public record Allocation(String caseId, int quantity) {}
}
