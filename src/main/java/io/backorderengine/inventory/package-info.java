/**
 * Stock, reservations, incoming supply (expected dates), substitutes, receipts and the allocation
 * of arriving stock to waiting backorders. {@link io.backorderengine.inventory.Inventory} is the
 * module's API; allocations are announced as {@link io.backorderengine.inventory.StockAllocations}, one
 * event for all the cases a hand-out served.
 */
package io.backorderengine.inventory;
