/**
 * The customer's side: links in emails that carry an unguessable, expiring token, and the small
 * server-rendered page behind them where a customer sees their backorder and decides.
 */
package io.backorderengine.customer;
