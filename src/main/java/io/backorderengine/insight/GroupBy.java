package io.backorderengine.insight;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How insights are broken down; each names the SQL that gives a row its group. */
enum GroupBy {
    ALL("'all'", "'all'"),
    SKU("ol.sku", "c.sku"),
    CATEGORY("coalesce(p.category, '(none)')", "coalesce(p.category, '(none)')"),
    SUPPLIER("coalesce(p.supplier_id, '(none)')", "coalesce(p.supplier_id, '(none)')"),
    TIER("o.customer_tier", "c.customer_tier");

    /** The group of an order line {@code ol} of order {@code o}, product {@code p}. */
    final String ofLine;
    /** The group of a case {@code c}, product {@code p}. */
    final String ofCase;

    GroupBy(String ofLine, String ofCase) {
        this.ofLine = ofLine;
        this.ofCase = ofCase;
    }

    /** The join a group needs to read a case's product ({@code p}), if any. */
    String product() {
        return this == CATEGORY || this == SUPPLIER ? "left join product p on p.sku = c.sku" : "";
    }

    /** The join a group needs to read an order line's product ({@code p}), if any. */
    String lineProduct() {
        return this == CATEGORY || this == SUPPLIER ? "left join product p on p.sku = ol.sku" : "";
    }

    /** As requests name it: {@code sku}, {@code tier}, ... */
    @JsonValue
    String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
