package io.backorderengine.backorder.internal;

import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One case's line in a customer email: what the templates under {@code templates/mail/} may read as
 * {@code line.<name>}, and what a shop's own templates may rely on. Every value is there, formatted for
 * the customer's language; one that does not apply to the email is null (or empty, for dates).
 *
 * <ul>
 * <li>{@code caseId}, {@code sku}, {@code productName}, {@code quantityOrdered}, {@code quantityShort};
 * <li>{@code quantityReserved}: units of the order line shipped from stock at once;
 * <li>{@code expectedDate}: the latest date promised, formatted; empty before the first promise;
 * <li>{@code previousDate}: the date promised before it, formatted; empty when there was none;
 * <li>{@code discountPercent}, and {@code alternatives}: in-stock alternatives offered, each with
 * {@code sku}, {@code name}, {@code price};
 * <li>{@code offerUnderReview}: an agent is still reviewing the offer (discount, alternatives): it follows
 * in its own email ({@code offer});
 * <li>{@code allocatedQuantity}: units set aside for the case from receipts so far, and
 * {@code remainingQuantity}: the short units still to come;
 * <li>{@code alternativeSku}, {@code alternativeName}, {@code alternativePrice}: the alternative the
 * customer took; null otherwise;
 * <li>{@code reason}: why the case ended, or the reason given with the email;
 * <li>{@code cancelledAtRequest}: whether the customer (or an agent for them) asked for the cancellation;
 * <li>{@code decisionLink}: the customer's link to decide, on emails about an open case; null otherwise,
 * and {@code linkValidUntil}: the link's last day, formatted.
 * </ul>
 *
 * <p>A value is read from the case's tables when a template first asks for it, and then kept: an email
 * reads only what its template shows (a ship notice, sent for every case a receipt wakes, needs the
 * product and the offer, not the case's promises, decisions and reservations). So a line is read while
 * its email is rendered, in the transaction that composes it.
 */
final class MailLine extends AbstractMap<String, Object> {

    private final Map<String, Supplier<?>> values = new LinkedHashMap<>();

    /** Adds a value, read when first asked for. */
    MailLine with(String name, Supplier<?> value) {
        values.put(name, once(value));
        return this;
    }

    @Override
    public Object get(Object name) {
        Supplier<?> value = values.get(name);
        return value == null ? null : value.get();
    }

    @Override
    public boolean containsKey(Object name) {
        return values.containsKey(name);
    }

    /** Every value, all read: for a caller that walks the whole line rather than asking by name. */
    @Override
    public Set<Entry<String, Object>> entrySet() {
        return values.keySet().stream()
                .map(name -> new SimpleImmutableEntry<String, Object>(name, get(name)))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * A value read once, when first asked for: each of the line's values, and a source several of them
     * derive from (the offer, the decision).
     */
    static <T> Supplier<T> once(Supplier<T> source) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public T get() {
                if (!done) {
                    value = source.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
