package io.backorderengine.inventory;

import java.math.BigDecimal;
import java.util.List;

/**
 * A product with where its units are now, as a shop checks it.
 *
 * @param onHand       units on the shelf that nobody holds
 * @param reserved     units taken from the shelf for order lines at intake; the engine does not hear of
 *                     shipments, so they count until released
 * @param allocated    units set aside for backorder cases from receipts, or for a chosen alternative, and
 *                     not released (a cancelled case's units go to the next in line)
 * @param waitingCases backorder cases waiting for the SKU
 * @param waitingUnits units those cases still miss
 * @param openSupply   open purchase orders with what is still to come, earliest first
 * @param backorderCap the SKU's own cap on waiting units, or null for the default rule
 */
record StockPicture(
        String sku,
        String name,
        String category,
        BigDecimal unitPrice,
        String currency,
        String supplierId,
        int leadTimeDays,
        Integer backorderCap,
        int onHand,
        int reserved,
        int allocated,
        int waitingCases,
        int waitingUnits,
        List<PurchaseOrders.OpenSupply> openSupply) {}
