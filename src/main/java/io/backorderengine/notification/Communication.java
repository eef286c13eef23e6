package io.backorderengine.notification;

import java.time.LocalDateTime;

/**
 * One entry of the communication log.
 *
 * @param state {@code SENT} (accepted by the SMTP server) or {@code LOGGED} (rendered and kept here
 *              because no SMTP server is configured)
 */
public record Communication(String messageId, String recipient, String subject, String template, String language,
                            String state, LocalDateTime createdAt, LocalDateTime sentAt, String bodyText) {

    public static final String SENT = "SENT";
    public static final String LOGGED = "LOGGED";
}
