package io.backorderengine.inventory;

/**
 * Units of arriving (or released) stock were set aside for a waiting backorder.
 *
 * @param caseId    the backorder that received them
 * @param quantity  units allocated now
 * @param remaining units the backorder still waits for; 0 means it can ship complete
 */
public record StockAllocated(String caseId, String sku, int quantity, int remaining) {

    public boolean complete() {
        return remaining == 0;
    }
}
