package io.backorderengine.notification;

import java.util.Locale;
import java.util.Map;

/**
 * An email to render and send.
 *
 * @param messageKey identifies this one email for good: a retried send with the same key is not sent
 *                   again, and the Message-ID header is derived from it
 * @param template   the template's name under {@code templates/mail/} (without extension)
 * @param model      values the template shows; customer-supplied text is escaped by the templates
 */
public record OutgoingEmail(String messageKey, String caseId, String orderId, String recipient, String template,
                            Locale locale, Map<String, Object> model) {
}
