package io.backorderengine.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param capMargin          units that may wait for a SKU beyond what open supply covers (a SKU's own
 *                           {@code backorder_cap} overrides the whole rule)
 * @param substitutePriceBand how far (as a fraction) a same-category product's price may be from the
 *                           item's to be offered as an alternative
 * @param maxAlternatives    how many alternatives an offer lists at most
 * @param leadTime           which lead time dates beyond open purchase orders are promised from: the one
 *                           configured per supplier, or the one learned from its deliveries
 *                           ({@link LearnedLeadTimes}; the configured one until it has enough deliveries)
 */
@ConfigurationProperties("backorder.inventory")
record InventoryProperties(
        @DefaultValue("5") int capMargin,
        @DefaultValue("0.25") double substitutePriceBand,
        @DefaultValue("3") int maxAlternatives,
        @DefaultValue("configured") LeadTimeSource leadTime) {

    /** Where promised lead times come from. */
    enum LeadTimeSource {
        CONFIGURED,
        LEARNED
    }
}
