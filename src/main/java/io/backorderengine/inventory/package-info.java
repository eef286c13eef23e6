/**
 * Stock, reservations, incoming supply (expected dates), substitutes, receipts and the allocation
 * of arriving stock to waiting backorders. {@link io.backorderengine.inventory.Inventory} is the
 * module's API; allocations are announced as {@link io.backorderengine.inventory.StockAllocated}.
 */
package io.backorderengine.inventory;
