package io.backorderengine.inventory;

import java.util.List;

/**
 * The allocations one hand-out made (a receipt, a release, a stock rise), in queue order, announced once:
 * a listener writes its rows for all of them in one batch per table instead of a round trip per case
 * and table (a 100-unit receipt, docs/benchmarks.md).
 */
public record StockAllocations(List<StockAllocated> allocations) {

    public StockAllocations {
        allocations = List.copyOf(allocations);
    }
}
