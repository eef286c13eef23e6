package io.backorderengine.notification;

import java.time.LocalDateTime;

/**
 * One entry of the communication log.
 *
 * @param state   where it stands
 * @param failure why it did not reach the customer, if it did not
 */
public record Communication(
        long communicationId,
        String messageId,
        String orderId,
        String caseId,
        String recipient,
        String subject,
        String template,
        String language,
        EmailState state,
        LocalDateTime createdAt,
        LocalDateTime sentAt,
        String failure,
        String bodyText) {

    /** This entry as marking it sent at the given time leaves it. */
    Communication sent(LocalDateTime at) {
        return new Communication(
                communicationId,
                messageId,
                orderId,
                caseId,
                recipient,
                subject,
                template,
                language,
                EmailState.SENT,
                createdAt,
                at,
                null,
                bodyText);
    }

    public boolean reachedTheCustomer() {
        return state == EmailState.SENT;
    }
}
