/**
 * Webhooks: the outcome feed pushed to the order systems that subscribe, each call signed with the
 * subscriber's secret, delivered at least once and in order per case, retried with back-off by whichever
 * node is up. Administrators manage subscribers and see failed deliveries through {@code /api/admin/webhooks}.
 */
package io.backorderengine.webhook;
