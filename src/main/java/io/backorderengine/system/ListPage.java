package io.backorderengine.system;

import java.util.List;

/**
 * One page of a list answer. Lists read one row more than the page holds instead of counting the
 * table: {@code hasMore} says whether a next page has items.
 */
public record ListPage<T>(List<T> items, int page, int size, boolean hasMore) {

    /** @param read up to {@code size + 1} rows from the page's offset */
    public static <T> ListPage<T> of(List<T> read, int page, int size) {
        boolean hasMore = read.size() > size;
        return new ListPage<>(hasMore ? read.subList(0, size) : read, page, size, hasMore);
    }
}
