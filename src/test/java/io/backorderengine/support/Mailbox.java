package io.backorderengine.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reads what the in-JVM SMTP server received, as a mail client would. */
public final class Mailbox {

    private Mailbox() {}

    /** Every message received for the address so far. */
    public static List<MimeMessage> to(GreenMail smtp, String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> addressedTo(m, address))
                .toList();
    }

    /** Waits until the address has received the number of messages, and returns them. */
    public static List<MimeMessage> awaitCount(GreenMail smtp, String address, int count) {
        await().until(() -> to(smtp, address).size() >= count);
        return to(smtp, address);
    }

    /** Waits for a message to the address whose subject contains the text. */
    public static MimeMessage awaitSubject(GreenMail smtp, String address, String subjectPart) {
        await().until(() -> to(smtp, address).stream().anyMatch(m -> subject(m).contains(subjectPart)));
        return to(smtp, address).stream()
                .filter(m -> subject(m).contains(subjectPart))
                .findFirst()
                .orElseThrow();
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text/plain part of a multipart email. */
    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    /** The text/html part of a multipart email. */
    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    public static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String raw(MimeMessage message) {
        return GreenMailUtil.getWholeMessage(message);
    }

    private static boolean addressedTo(MimeMessage message, String address) {
        try {
            var recipients = message.getRecipients(Message.RecipientType.TO);
            return recipients != null
                    && Arrays.stream(recipients).anyMatch(r -> r.toString().contains(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Part part, String mimeType) {
        try {
            if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return part.getContent().toString();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart body = multipart.getBodyPart(i);
                    String found = part(body, mimeType);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
