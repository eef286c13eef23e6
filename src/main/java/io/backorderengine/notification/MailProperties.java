package io.backorderengine.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sender identity of customer emails.
 *
 * @param messageIdDomain the right-hand side of generated Message-IDs
 */
@ConfigurationProperties("backorder.mail")
record MailProperties(@DefaultValue("Backorder Engine Demo Shop") String shopName,
                      @DefaultValue("shop@example.com") String from,
                      String replyTo,
                      @DefaultValue("support@example.com") String supportContact,
                      @DefaultValue("backorder-engine.local") String messageIdDomain) {
}
