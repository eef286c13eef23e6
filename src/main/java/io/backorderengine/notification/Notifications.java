package io.backorderengine.notification;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
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
    private final MimeMessages messages;
    private final CommunicationLog communications;
    private final ObjectProvider<JavaMailSenderImpl> mailSender;
    private final SmtpConnections connections;
    private final MailProperties properties;
    private final ApplicationEventPublisher events;
    private final Counter sentEmails;
    private final Counter bouncedEmails;

    Notifications(
            EmailRenderer renderer,
            MimeMessages messages,
            CommunicationLog communications,
            ObjectProvider<JavaMailSenderImpl> mailSender,
            SmtpConnections connections,
            MailProperties properties,
            ApplicationEventPublisher events,
            MeterRegistry metrics) {
        this.renderer = renderer;
        this.messages = messages;
        this.communications = communications;
        this.mailSender = mailSender;
        this.connections = connections;
        this.properties = properties;
        this.events = events;
        this.sentEmails = Counter.builder("backorder.emails.sent")
                .description("emails the mail server accepted (this node)")
                .register(metrics);
        this.bouncedEmails = Counter.builder("backorder.emails.bounced")
                .description("sent emails a mail provider reported as bounced (this node)")
                .register(metrics);
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
            log.info(
                    "Email {} was already {}", email.messageKey(), earlier.get().state());
            return finish(earlier.get());
        }
        return sendUnsent(email);
    }

    /**
     * {@link #send} for a caller that has just found nothing logged under the email's key ({@link #find})
     * and holds what keeps two sends of that key apart: the second look would find the same. Should one
     * be logged after all, recording returns that entry instead of writing a second.
     */
    public Communication sendUnsent(OutgoingEmail email) {
        EmailRenderer.Rendered rendered = renderer.render(email);
        String messageId = messages.messageId(email.messageKey());
        if (email.recipient() == null || email.recipient().isBlank()) {
            return undeliverable(email, messageId, rendered, "the customer has no email address");
        }
        JavaMailSenderImpl sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info(
                    "No SMTP server configured: email {} for order {} kept in the communication log",
                    email.template(),
                    email.orderId());
            if (properties.logLinksWhenNotSent() && !email.secrets().isEmpty()) {
                log.info(
                        "Links in email {} for order {} (not sent): {}",
                        email.template(),
                        email.orderId(),
                        email.secrets());
            }
            return communications.record(email, messageId, rendered, EmailState.LOGGED, null, () -> {});
        }
        MimeMessage message;
        try {
            message = messages.build(sender.getSession(), messageId, email, rendered);
        } catch (MimeMessages.InvalidAddress e) {
            return undeliverable(email, messageId, rendered, e.getMessage());
        }
        Communication sending = communications.record(
                email, messageId, rendered, EmailState.SENDING, null, MimeMessages.serialized(message), () -> {});
        return sending.state() == EmailState.SENDING ? deliver(sender, sending, message, email::caseIds) : sending;
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
        log.info(
                "Email {} for order {}: sending it again, an earlier attempt did not finish",
                email.messageId(),
                email.orderId());
        communications.attempting(email.communicationId());
        return deliver(
                sender,
                email,
                MimeMessages.parse(sender.getSession(), email.messageId(), mime.get()),
                () -> communications.casesOf(email));
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
                bouncedEmails.increment();
                events.publishEvent(new CustomerUnreachable(
                        email.orderId(), communications.casesOf(email), "an email bounced: " + reason));
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

    /** How the message keys of emails sent again on request begin ({@link #resendKey}). */
    public static final String RESEND_PREFIX = "resend:";

    /**
     * The latest email about a case, not counting those sent again on request: what "send the last email
     * again" sends.
     */
    public Optional<Communication> latestOriginal(String caseId) {
        return communications.latestOriginal(caseId);
    }

    /**
     * The message key of an email sent again to an address: the same email to the same address has the same
     * key, so a double click (or a retry) sends it once.
     */
    public static String resendKey(Communication original, String recipient) {
        // the address itself stays out of the key: keys show in logs
        return RESEND_PREFIX + original.communicationId() + ":"
                + MimeMessages.fingerprint(recipient.trim().toLowerCase(Locale.ROOT), 12);
    }

    /** The cases an email is about: the one it was written for, and those it covers. */
    public List<String> casesOf(Communication email) {
        return communications.casesOf(email);
    }

    /** The communication log of an order, oldest first. */
    public List<Communication> forOrder(String orderId) {
        return communications.forOrder(orderId);
    }

    /** @param cases the cases the email is about, its own first: asked for only once the server has answered */
    private Communication deliver(
            JavaMailSenderImpl sender, Communication sending, MimeMessage message, Supplier<List<String>> cases) {
        try {
            connections.send(sender, message);
        } catch (MailSendException e) {
            String refused = SmtpRefusals.permanentRefusal(e);
            if (refused == null) {
                // the server could not be reached, timed out or asked to try later: the job retries
                communications.markFailed(sending.communicationId(), SmtpRefusals.reason(e));
                throw e;
            }
            log.warn("Email {} for order {} cannot be delivered: {}", sending.template(), sending.orderId(), refused);
            return communications.markUndeliverable(
                    sending.communicationId(),
                    refused,
                    () -> events.publishEvent(new CustomerUnreachable(sending.orderId(), cases.get(), refused)));
        } catch (MailException e) {
            // the server refused our login, or the message could not be written: the job retries as well
            communications.markFailed(sending.communicationId(), SmtpRefusals.reason(e));
            throw e;
        }
        log.info("Email {} for order {} sent as {}", sending.template(), sending.orderId(), sending.messageId());
        Communication sent = communications.markSent(sending);
        sentEmails.increment();
        events.publishEvent(new EmailSent(sent.messageId(), sent.orderId(), cases.get(), sent.template()));
        return sent;
    }

    private Communication undeliverable(
            OutgoingEmail email, String messageId, EmailRenderer.Rendered rendered, String reason) {
        log.warn("Email {} for order {} cannot be delivered: {}", email.template(), email.orderId(), reason);
        return communications.record(
                email,
                messageId,
                rendered,
                EmailState.UNDELIVERABLE,
                reason,
                () -> events.publishEvent(new CustomerUnreachable(email.orderId(), email.caseIds(), reason)));
    }
}
