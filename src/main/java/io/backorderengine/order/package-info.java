/**
 * Order intake over REST and the order-line ledger: each line is reserved from stock or, where stock
 * is short, handed to a backorder case.
 */
package io.backorderengine.order;
