package io.backorderengine.backorder.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

/** A case's mail line reads each value from the case's tables when a template asks for it, and once. */
class MailLineTests {

    private final List<String> reads = new ArrayList<>();

    @Test
    void aValueIsReadWhenFirstAskedForAndThenKept() {
        MailLine line = new MailLine()
                .with("productName", read("productName", "Lantern"))
                .with("expectedDate", read("expectedDate", "3 December 2026"));

        assertThat(line.containsKey("expectedDate")).isTrue();
        assertThat(reads).isEmpty();

        assertThat(line.get("productName")).isEqualTo("Lantern");
        assertThat(line.get("productName")).isEqualTo("Lantern");
        assertThat(line.get("unknown")).isNull();
        assertThat(reads).containsExactly("productName");
    }

    @Test
    void valuesOfOneSourceShareOneRead() {
        Supplier<Integer> allocated = MailLine.once(read("allocated", 3));
        MailLine line = new MailLine()
                .with("allocatedQuantity", allocated)
                .with("remainingQuantity", () -> 5 - allocated.get());

        assertThat(line.get("remainingQuantity")).isEqualTo(2);
        assertThat(line.get("allocatedQuantity")).isEqualTo(3);
        assertThat(reads).containsExactly("allocated");
    }

    @Test
    void walkingTheLineReadsEveryValueInOrder() {
        MailLine line =
                new MailLine().with("sku", read("sku", "SKU-1")).with("quantityShort", read("quantityShort", 2));

        assertThat(line).containsExactly(Map.entry("sku", "SKU-1"), Map.entry("quantityShort", 2));
        assertThat(reads).containsExactly("sku", "quantityShort");
    }

    private <T> Supplier<T> read(String name, T value) {
        return () -> {
            reads.add(name);
            return value;
        };
    }
}
