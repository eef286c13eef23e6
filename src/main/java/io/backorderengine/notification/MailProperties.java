package io.backorderengine.notification;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender identity of customer emails, and where operators may put their own templates.
 *
 * @param templateFolder  optional folder whose {@code <template>.<language>.txt|html} files replace the
 *                        built-in ones without a rebuild
 * @param messageIdDomain the right-hand side of generated Message-IDs
 * @param logLinksWhenNotSent with no SMTP server configured, write the decision links of a kept (not sent)
 *                        email to the application log, so a demo can follow them; the communication log
 *                        never keeps a working link
 */
@ConfigurationProperties("backorder.mail")
record MailProperties(@DefaultValue("Backorder Engine Demo Shop") String shopName,
                      @DefaultValue("shop@example.com") String from,
                      String replyTo,
                      @DefaultValue("support@example.com") String supportContact,
                      Path templateFolder,
                      @DefaultValue("backorder-engine.local") String messageIdDomain,
                      @DefaultValue("false") boolean logLinksWhenNotSent) {
}
