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
import java.util.Date;
import java.util.HexFormat;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME message of an email, and keeps it as text: an email is recorded with its complete
 * message before the SMTP server sees it, so that a retry sends the very same bytes.
 */
@Component
class MimeMessages {

    private final MailProperties properties;
    private final Clock clock;

    MimeMessages(MailProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The email as a MIME message (text and HTML), from the shop, under its stable Message-ID. */
    MimeMessage build(Session session, String messageId, OutgoingEmail email, EmailRenderer.Rendered rendered) {
        MimeMessage message = new StableMessage(session, messageId);
        InternetAddress to;
        try {
            to = new InternetAddress(email.recipient(), true);
        } catch (AddressException e) {
            throw new InvalidAddress("'" + email.recipient() + "' is not a valid email address");
        }
        try {
            MimeMessageHelper helper = new Helper(message);
            helper.setFrom(
                    new InternetAddress(properties.from(), properties.shopName(), StandardCharsets.UTF_8.name()));
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

    /** The same Message-ID for the same message key, on every node and every retry. */
    String messageId(String messageKey) {
        return "<" + fingerprint(messageKey, 16) + "@" + properties.messageIdDomain() + ">";
    }

    /** The first {@code bytes} bytes of the text's SHA-256, in hex: the same text, the same fingerprint. */
    static String fingerprint(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** An address no server will ever accept. */
    static final class InvalidAddress extends RuntimeException {
        InvalidAddress(String message) {
            super(message);
        }
    }

    /** The message as the SMTP server will see it, headers and Date included (MIME output is 7-bit). */
    static String serialized(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        } catch (MessagingException | IOException e) {
            throw new MailPreparationException("could not write the email", e);
        }
    }

    static MimeMessage parse(Session session, String messageId, String mime) {
        try {
            return new StableMessage(
                    session, messageId, new ByteArrayInputStream(mime.getBytes(StandardCharsets.ISO_8859_1)));
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

    /**
     * Spring's helper with one file type map for all messages: for a message its mail sender did not
     * create (ours carry a stable Message-ID) the helper builds a new map each time, reading every
     * {@code mime.types} on the classpath, a twentieth of a node's CPU under load (measured with JFR).
     */
    private static final class Helper extends MimeMessageHelper {

        private static final FileTypeMap FILE_TYPES = fileTypes();

        Helper(MimeMessage message) throws MessagingException {
            super(message, true, StandardCharsets.UTF_8.name());
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return FILE_TYPES;
        }

        private static FileTypeMap fileTypes() {
            ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
            types.afterPropertiesSet();
            return types;
        }
    }
}
