package io.backorderengine.notification;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender identity of customer emails, where operators may put their own templates, and how sending is
 * retried. The notification module's settings; other modules read the shop's name and contact here.
 *
 * @param shopName        the shop's name in emails and on the decision page
 * @param from            the sender address
 * @param replyTo         where replies go, if not to the sender
 * @param supportContact  how customers reach the shop's support (emails, decision page)
 * @param templateFolder  optional folder whose {@code <template>.<language>.txt|html} files replace the
 *                        built-in ones without a rebuild
 * @param messageIdDomain the right-hand side of generated Message-IDs
 * @param logLinksWhenNotSent with no SMTP server configured, write the decision links of a kept (not sent)
 *                        email to the application log, so a demo can follow them; the communication log
 *                        never keeps a working link
 * @param retryCycle      the email jobs retry a failing SMTP server this often (an ISO 8601 repeating
 *                        interval), then raise an incident in Cockpit
 * @param stalledAfter    an email still being handed over after this was being sent by a node that stopped:
 *                        it is marked FAILED (keep it at the job lock time)
 * @param stalledSweepInterval how often every node looks for such emails
 * @param connectionIdle  an open connection to the mail server unused for this long is closed; emails sent
 *                        closer together share one ({@link SmtpConnections})
 * @param emailsPerConnection a connection is closed after carrying this many emails (servers often limit it)
 */
@ConfigurationProperties("backorder.mail")
public record MailProperties(
        @DefaultValue("Backorder Engine Demo Shop") String shopName,
        @DefaultValue("shop@example.com") String from,
        String replyTo,
        @DefaultValue("support@example.com") String supportContact,
        Path templateFolder,
        @DefaultValue("backorder-engine.local") String messageIdDomain,
        @DefaultValue("false") boolean logLinksWhenNotSent,
        @DefaultValue("R5/PT1M") String retryCycle,
        @DefaultValue("PT5M") Duration stalledAfter,
        @DefaultValue("PT1M") Duration stalledSweepInterval,
        @DefaultValue("PT10S") Duration connectionIdle,
        @DefaultValue("20") int emailsPerConnection) {

    public MailProperties {
        if (connectionIdle.isNegative()) {
            throw new IllegalArgumentException("backorder.mail.connection-idle must not be negative");
        }
        if (emailsPerConnection < 1) {
            throw new IllegalArgumentException("backorder.mail.emails-per-connection must be at least 1");
        }
    }
}
