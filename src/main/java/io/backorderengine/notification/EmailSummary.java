package io.backorderengine.notification;

import java.time.LocalDateTime;

/** An entry of the communication log as the APIs show it: what, to whom, when, where it stands; not its body. */
public record EmailSummary(
        String messageId,
        String template,
        String subject,
        String recipient,
        String language,
        EmailState state,
        String failure,
        LocalDateTime createdAt,
        LocalDateTime sentAt) {

    public static EmailSummary of(Communication c) {
        return new EmailSummary(
                c.messageId(),
                c.template(),
                c.subject(),
                c.recipient(),
                c.language(),
                c.state(),
                c.failure(),
                c.createdAt(),
                c.sentAt());
    }
}
