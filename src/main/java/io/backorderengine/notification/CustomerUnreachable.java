package io.backorderengine.notification;

import java.util.List;

/**
 * An email could not reach the customer (no address, refused by the server, bounced): someone should
 * contact them another way. Published inside the transaction that records it.
 */
public record CustomerUnreachable(String orderId, List<String> caseIds, String reason) {}
