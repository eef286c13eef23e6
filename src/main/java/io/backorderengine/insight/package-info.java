/**
 * Insights: what the cases of the past teach the business. KPIs per SKU, category, supplier or customer
 * tier, the supplier truth (promised versus actual deliveries), demand forecasts and the reorder report,
 * all computed with SQL aggregates over the tables the other modules keep. This module only reads: it
 * is the one module whose SQL may name other modules' tables, and it may only select from them.
 */
package io.backorderengine.insight;
