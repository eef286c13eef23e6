package io.backorderengine.notification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/**
 * Renders and sends customer emails, and keeps the communication log. With no SMTP server
 * configured ({@code spring.mail.host} unset) each email is still rendered and kept in the log,
 * so nothing fails and agents can see what the customer would have received.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final EmailRenderer renderer;
    private final CommunicationLog communications;
    private final ObjectProvider<JavaMailSenderImpl> mailSender;
    private final MailProperties properties;

    Notifications(EmailRenderer renderer, CommunicationLog communications, ObjectProvider<JavaMailSenderImpl> mailSender,
                  MailProperties properties) {
        this.renderer = renderer;
        this.communications = communications;
        this.mailSender = mailSender;
        this.properties = properties;
    }

    /**
     * Sends the email once. A call with a message key that the log already holds sends nothing and
     * returns the earlier entry; an SMTP failure is thrown so that the calling job retries.
     */
    public Communication send(OutgoingEmail email) {
        Optional<Communication> earlier = communications.find(email.messageKey());
        if (earlier.isPresent()) {
            log.info("Email {} was already {}; not sending it again", email.messageKey(), earlier.get().state());
            return earlier.get();
        }
        EmailRenderer.Rendered rendered = renderer.render(email);
        String messageId = messageId(email.messageKey());
        JavaMailSenderImpl sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No SMTP server configured: email {} to case {} kept in the communication log",
                    email.template(), email.caseId());
            return communications.record(email.messageKey(), messageId, email, rendered, Communication.LOGGED);
        }
        sender.send(mime(sender.getSession(), messageId, email, rendered));
        log.info("Email {} for case {} sent as {}", email.template(), email.caseId(), messageId);
        return communications.record(email.messageKey(), messageId, email, rendered, Communication.SENT);
    }

    /** The communication log of a case, oldest first. */
    public List<Communication> forCase(String caseId) {
        return communications.forCase(caseId);
    }

    private MimeMessage mime(Session session, String messageId, OutgoingEmail email, EmailRenderer.Rendered rendered) {
        // JavaMail would invent a new Message-ID on every attempt; a stable one lets mail clients
        // recognise a resend after a crash as the same email.
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
            helper.setFrom(new InternetAddress(properties.from(), properties.shopName(), StandardCharsets.UTF_8.name()));
            if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
                helper.setReplyTo(properties.replyTo());
            }
            helper.setTo(new InternetAddress(email.recipient(), true));
            helper.setSubject(rendered.subject());
            helper.setText(rendered.text(), rendered.html());
            return message;
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
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
}
