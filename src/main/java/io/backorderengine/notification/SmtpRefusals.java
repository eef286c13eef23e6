package io.backorderengine.notification;

import java.util.Arrays;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.springframework.mail.MailSendException;

/** Reads what an SMTP server answered: a refusal for good (5xx for a recipient), or a failure worth retrying. */
final class SmtpRefusals {

    private SmtpRefusals() {}

    /** The reason when the server refused a recipient for good (5xx), or null for anything worth retrying. */
    static String permanentRefusal(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException refused
                        && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return "the mail server refused " + addresses(refused.getInvalidAddresses()) + ": "
                            + firstLine(serverReply(refused));
                }
            }
        }
        return null;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The server's own words (e.g. "550 5.1.1 mailbox unavailable"), deepest in JavaMail's chain. */
    private static String serverReply(MessagingException refused) {
        String reply = refused.getMessage();
        for (Exception next = refused.getNextException();
                next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next.getMessage() != null && !next.getMessage().isBlank()) {
                reply = next.getMessage();
            }
        }
        return reply;
    }

    private static String addresses(Address[] addresses) {
        return String.join(", ", Arrays.stream(addresses).map(Address::toString).toList());
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").trim();
    }

    /** One line for the log and the agents: the deepest cause's message. */
    static String reason(Throwable failure) {
        return firstLine(rootMessage(failure));
    }
}
