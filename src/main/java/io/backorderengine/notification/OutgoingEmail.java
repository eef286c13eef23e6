package io.backorderengine.notification;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An email to render and send: one email per event per order, possibly covering several cases.
 *
 * @param messageKey  identifies this email for good: a retried send with the same key is not sent
 *                    again, and the Message-ID header is derived from it
 * @param caseIds     the cases it is about; the first is the one whose job writes it
 * @param coveredKeys message keys of other cases' pending sends that this email makes unnecessary
 * @param recipient   the customer's address, or null when they have none
 * @param template    the template's name under {@code templates/mail/} (without language and extension)
 * @param model       values the templates show: text, numbers, lists and maps (a map's values are read
 *                    as a template asks for them); customer-supplied text is escaped by the templates
 * @param secrets     text in the email that works as a credential (a decision link with its token): the
 *                    customer gets it, the communication log keeps the email without it
 * @param storedWithIt what must be stored in the transaction that records the email (its decision links),
 *                    so that it is there before the email can reach the customer
 */
public record OutgoingEmail(
        String messageKey,
        String orderId,
        List<String> caseIds,
        Map<String, String> coveredKeys,
        String recipient,
        String template,
        Locale locale,
        ZoneId timeZone,
        Map<String, Object> model,
        List<String> secrets,
        Runnable storedWithIt) {

    /** An email that carries no credential. */
    public OutgoingEmail(
            String messageKey,
            String orderId,
            List<String> caseIds,
            Map<String, String> coveredKeys,
            String recipient,
            String template,
            Locale locale,
            ZoneId timeZone,
            Map<String, Object> model) {
        this(
                messageKey,
                orderId,
                caseIds,
                coveredKeys,
                recipient,
                template,
                locale,
                timeZone,
                model,
                List.of(),
                () -> {});
    }

    /** The text as the log keeps it: every secret replaced by a note that it was removed. */
    String withoutSecrets(String text) {
        String kept = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isEmpty()) {
                kept = kept.replace(secret, REMOVED);
            }
        }
        return kept;
    }

    static final String REMOVED = "[link removed from the log]";
}
