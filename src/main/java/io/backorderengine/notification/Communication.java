package io.backorderengine.notification;

import java.time.LocalDateTime;

/**
 * One entry of the communication log.
 *
 * @param state   {@code SENT} (accepted by the SMTP server), {@code SENDING} (being handed to the SMTP
 *                server right now), {@code FAILED} (the server could not be reached, or the node handing
 *                it over stopped; the email's job sends the same message again when it retries),
 *                {@code LOGGED} (rendered and kept here because no SMTP server is configured),
 *                {@code UNDELIVERABLE} (no address, or the server refused it) or {@code BOUNCED} (the
 *                mail provider reported it back)
 * @param failure why it did not reach the customer, if it did not
 */
public record Communication(long communicationId, String messageId, String orderId, String caseId, String recipient,
                            String subject, String template, String language, String state, LocalDateTime createdAt,
                            LocalDateTime sentAt, String failure, String bodyText) {

    public static final String SENT = "SENT";
    public static final String SENDING = "SENDING";
    public static final String FAILED = "FAILED";
    public static final String LOGGED = "LOGGED";
    public static final String UNDELIVERABLE = "UNDELIVERABLE";
    public static final String BOUNCED = "BOUNCED";

    public boolean reachedTheCustomer() {
        return SENT.equals(state);
    }
}
