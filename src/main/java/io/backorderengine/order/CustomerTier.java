package io.backorderengine.order;

/** Loyalty tiers the shop passes in; the offer policy (DMN) decides what each gets. */
enum CustomerTier {
    STANDARD,
    SILVER,
    GOLD
}
