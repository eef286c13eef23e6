package io.backorderengine.notification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Renders and sends customer emails, and keeps the communication log.
 *
 * <ul>
 * <li>With no SMTP server configured ({@code spring.mail.host} unset) each email is still rendered and
 * kept in the log, so nothing fails and agents can see what the customer would have received.</li>
 * <li>A server that cannot be reached (or answers "try later") is thrown to the calling job, which
 * retries on its cycle and finally raises an incident; the retry carries the same Message-ID.</li>
 * <li>No address, or one the server refuses for good, is recorded as undeliverable and announced as
 * {@link CustomerUnreachable}, so an agent contacts the customer instead of silence.</li>
 * </ul>
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final EmailRenderer renderer;
    private final CommunicationLog communications;
    private final ObjectProvider<JavaMailSenderImpl> mailSender;
    private final MailProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Notifications(EmailRenderer renderer, CommunicationLog communications, ObjectProvider<JavaMailSenderImpl> mailSender,
                  MailProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.clock = clock;
        this.renderer = renderer;
        this.communications = communications;
        this.mailSender = mailSender;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Sends the email once. A message key that the log already holds (sent, kept, or covered by an
     * email for another case of the order) sends nothing and returns the earlier entry; one still
     * {@code SENDING} is finished first ({@link #finish}).
     *
     * <p>The email is recorded as {@code SENDING}, with its complete MIME message, in a transaction that
     * commits before the SMTP server sees it. Whatever happens after (the server refuses, the job
     * fails, the node dies after the server accepted), the log knows the email and a retry sends the
     * very same message.
     */
    public Communication send(OutgoingEmail email) {
        Optional<Communication> earlier = communications.find(email.messageKey());
        if (earlier.isPresent()) {
            log.info("Email {} was already {}", email.messageKey(), earlier.get().state());
            return finish(earlier.get());
        }
        EmailRenderer.Rendered rendered = renderer.render(email);
        String messageId = messageId(email.messageKey());
        if (email.recipient() == null || email.recipient().isBlank()) {
            return undeliverable(email, messageId, rendered, "the customer has no email address");
        }
        JavaMailSenderImpl sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No SMTP server configured: email {} for order {} kept in the communication log",
                    email.template(), email.orderId());
            if (properties.logLinksWhenNotSent() && !email.secrets().isEmpty()) {
                log.info("Links in email {} for order {} (not sent): {}", email.template(), email.orderId(), email.secrets());
            }
            return communications.record(email, messageId, rendered, EmailState.LOGGED, null, () -> { });
        }
        MimeMessage message;
        try {
            message = mime(sender.getSession(), messageId, email, rendered);
        } catch (InvalidAddress e) {
            return undeliverable(email, messageId, rendered, e.getMessage());
        }
        Communication sending = communications.record(email, messageId, rendered, EmailState.SENDING, null,
                serialized(message), () -> { });
        return sending.state() == EmailState.SENDING ? deliver(sender, sending, message) : sending;
    }

    /**
     * Completes an email the log holds as {@code SENDING}: an earlier attempt recorded it but could not
     * tell whether the server took it. It is sent again, byte for byte (same Message-ID, same links), so
     * a customer who already has it sees one email. Any other entry is returned as it is.
     */
    public Communication finish(Communication email) {
        if (email.state() != EmailState.SENDING && email.state() != EmailState.FAILED) {
            return email;
        }
        Optional<String> mime = communications.mime(email.communicationId());
        JavaMailSenderImpl sender = mailSender.getIfAvailable();
        if (mime.isEmpty() || sender == null) {
            return email; // finished meanwhile by another attempt, or SMTP is no longer configured
        }
        log.info("Email {} for order {}: sending it again, an earlier attempt did not finish", email.messageId(),
                email.orderId());
        communications.attempting(email.communicationId());
        return deliver(sender, email, parse(sender.getSession(), email.messageId(), mime.get()));
    }

    /**
     * A mail provider reported that a sent email bounced: the customer is unreachable by email.
     *
     * @return the email, or empty when no email has that Message-ID
     */
    @Transactional
    public Optional<Communication> bounced(String messageId, String reason) {
        Optional<Communication> sent = communications.findByMessageId(messageId);
        sent.ifPresent(email -> {
            if (communications.markBounced(email.communicationId(), reason)) {
                log.info("Email {} for order {} bounced: {}", messageId, email.orderId(), reason);
                events.publishEvent(new CustomerUnreachable(email.orderId(), communications.casesOf(email),
                        "an email bounced: " + reason));
            }
        });
        return sent.flatMap(email -> communications.findByMessageId(messageId));
    }

    /** The email written (or covered) under a message key, if any. */
    public Optional<Communication> find(String messageKey) {
        return communications.find(messageKey);
    }

    /** The communication log of a case (including emails written for its whole order), oldest first. */
    public List<Communication> forCase(String caseId) {
        return communications.forCase(caseId);
    }

    /** The communication log of an order, oldest first. */
    public List<Communication> forOrder(String orderId) {
        return communications.forOrder(orderId);
    }

    private Communication deliver(JavaMailSenderImpl sender, Communication sending, MimeMessage message) {
        try {
            sender.send(message);
        } catch (MailSendException e) {
            String refused = permanentRefusal(e);
            if (refused == null) {
                // the server could not be reached, timed out or asked to try later: the job retries
                communications.markFailed(sending.communicationId(), firstLine(rootMessage(e)));
                throw e;
            }
            log.warn("Email {} for order {} cannot be delivered: {}", sending.template(), sending.orderId(), refused);
            List<String> cases = communications.casesOf(sending);
            return communications.markUndeliverable(sending.communicationId(), refused,
                    () -> events.publishEvent(new CustomerUnreachable(sending.orderId(), cases, refused)));
        } catch (MailException e) {
            // the server refused our login, or the message could not be written: the job retries as well
            communications.markFailed(sending.communicationId(), firstLine(rootMessage(e)));
            throw e;
        }
        log.info("Email {} for order {} sent as {}", sending.template(), sending.orderId(), sending.messageId());
        Communication sent = communications.markSent(sending.communicationId());
        events.publishEvent(new EmailSent(sent.messageId(), sent.orderId(), communications.casesOf(sent), sent.template()));
        return sent;
    }

    /** The message as the SMTP server will see it, headers and Date included (MIME output is 7-bit). */
    private static String serialized(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (MessagingException | IOException e) {
            throw new MailPreparationException("could not write the email", e);
        }
    }

    private static MimeMessage parse(Session session, String messageId, String mime) {
        try {
            return new StableMessage(session, messageId,
                    new ByteArrayInputStream(mime.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (MessagingException e) {
            throw new MailPreparationException("could not read the kept email " + messageId, e);
        }
    }

    /**
     * A message that keeps its Message-ID: JavaMail would invent a new one on every save, and a stable
     * one lets mail clients recognise a resend after a crash as the same email.
     */
    private static final class StableMessage extends MimeMessage {
        private final String messageId;

        StableMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        StableMessage(Session session, String messageId, InputStream mime) throws MessagingException {
            super(session, mime);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private Communication undeliverable(OutgoingEmail email, String messageId, EmailRenderer.Rendered rendered,
                                        String reason) {
        log.warn("Email {} for order {} cannot be delivered: {}", email.template(), email.orderId(), reason);
        return communications.record(email, messageId, rendered, EmailState.UNDELIVERABLE, reason,
                () -> events.publishEvent(new CustomerUnreachable(email.orderId(), email.caseIds(), reason)));
    }

    /** The reason when the server refused a recipient for good (5xx), or null for anything worth retrying. */
    private static String permanentRefusal(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException refused && refused.getInvalidAddresses() != null
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
        for (Exception next = refused.getNextException(); next != null;
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

    private MimeMessage mime(Session session, String messageId, OutgoingEmail email, EmailRenderer.Rendered rendered) {
        MimeMessage message = new StableMessage(session, messageId);
        InternetAddress to;
        try {
            to = new InternetAddress(email.recipient(), true);
        } catch (AddressException e) {
            throw new InvalidAddress("'" + email.recipient() + "' is not a valid email address");
        }
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(properties.from(), properties.shopName(), StandardCharsets.UTF_8.name()));
            if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
                helper.setReplyTo(properties.replyTo());
            }
            helper.setTo(to);
            helper.setSubject(rendered.subject());
            helper.setText(rendered.text(), rendered.html());
            helper.setSentDate(new Date(clock.millis()));
            return message;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailPreparationException("could not build email " + email.messageKey(), e);
        }
    }

    private String messageId(String messageKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + properties.messageIdDomain() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An address no server will ever accept. */
    private static final class InvalidAddress extends RuntimeException {
        InvalidAddress(String message) {
            super(message);
        }
    }
}
