package io.backorderengine.inventory;

import java.util.List;

/**
 * The answer to a bulk upload, item by item in the order sent: what happened to each, and why an item
 * was refused. A refused item changed nothing; the others are applied together.
 */
public record BulkResult(int created, int updated, int unchanged, int removed, int refused, List<Item> items) {

    public enum Outcome {
        CREATED,
        UPDATED,
        UNCHANGED,
        REMOVED,
        REFUSED
    }

    /**
     * @param id       the item's id (a SKU, a supplier id, "sku -> substitute")
     * @param problems for a refused item: the field at fault and what is wrong with it
     */
    public record Item(String id, Outcome outcome, List<Problem> problems) {}

    public record Problem(String field, String message) {}

    static BulkResult of(List<Item> items) {
        return new BulkResult(
                count(items, Outcome.CREATED),
                count(items, Outcome.UPDATED),
                count(items, Outcome.UNCHANGED),
                count(items, Outcome.REMOVED),
                count(items, Outcome.REFUSED),
                items);
    }

    private static int count(List<Item> items, Outcome outcome) {
        return (int) items.stream().filter(item -> item.outcome() == outcome).count();
    }
}
