package io.backorderengine.notification;

import static io.backorderengine.notification.ReminderEmails.model;
import static io.backorderengine.notification.ReminderEmails.reminder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Customer emails through a real SMTP server in the JVM, read back as a mail client would. */
class NotificationsTests extends ApplicationTest {

    @Autowired
    Notifications notifications;

    @Autowired
    EmailRenderer renderer;

    @Autowired
    CommunicationLog communications;

    @Autowired
    MailProperties properties;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    MimeMessages messages;

    @Autowired
    JavaMailSenderImpl mailSender;

    @Test
    void aBackorderNoticeIsAMultipartEmailFromTheShopWithTheMessageIdTheLogShows() throws Exception {
        String sku = catalog.product("Alpine stove", "59.00", 0, 9);
        String orderId = Catalog.unique("ORD");
        String email = "customer-" + orderId + "@example.com";

        api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 2));

        MimeMessage notice = Mailbox.awaitSubject(SMTP, email, "is on backorder");
        assertThat(notice.getSubject()).isEqualTo("Your order " + orderId + ": Alpine stove is on backorder");
        assertThat(((InternetAddress) notice.getFrom()[0]).getPersonal()).isEqualTo("Backorder Engine Demo Shop");
        assertThat(((InternetAddress) notice.getFrom()[0]).getAddress()).isEqualTo("shop@example.com");
        assertThat(notice.getContentType()).startsWith("multipart/");
        assertThat(Mailbox.text(notice))
                .contains("Hello Customer " + orderId, "2 x Alpine stove", "Expected date for the rest");
        assertThat(Mailbox.html(notice)).contains("<span>2</span> x <span>Alpine stove</span>");
        var log = api.backorder(orderId + "-1").path("emails").get(0);
        assertThat(log.path("messageId").asText()).isEqualTo(notice.getMessageID());
        assertThat(log.path("recipient").asText()).isEqualTo(email);
        assertThat(log.path("state").asText()).isEqualTo("SENT");
    }

    @Test
    void anEmailSentAgainWithTheSameKeyIsNotSentTwice() {
        String recipient = Catalog.unique("twice") + "@example.com";
        OutgoingEmail email = reminder(Catalog.unique("key"), recipient, "Ada");

        Communication first = notifications.send(email);
        Communication second = notifications.send(email);

        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(Mailbox.awaitCount(SMTP, recipient, 1)).hasSize(1);
        assertThat(Mailbox.to(SMTP, recipient)).hasSize(1);
    }

    @Test
    void anEmailWhoseSenderDiedAfterTheServerTookItIsSentAgainByteForByteUnderTheSameMessageId() throws Exception {
        String recipient = Catalog.unique("crash") + "@example.com";
        OutgoingEmail email = reminder(Catalog.unique("key"), recipient, "Ada");
        // the node dies right after the SMTP server accepted the email, before it could record that
        SmtpConnections dyingConnections = new SmtpConnections(properties, new SimpleMeterRegistry()) {
            @Override
            void send(JavaMailSenderImpl sender, MimeMessage message) {
                super.send(sender, message);
                closeAll();
                throw new IllegalStateException("the node died");
            }
        };
        var sender = new StaticListableBeanFactory(Map.of("mailSender", mailSender))
                .getBeanProvider(JavaMailSenderImpl.class);
        Notifications dyingNode = new Notifications(
                renderer,
                messages,
                communications,
                sender,
                dyingConnections,
                properties,
                events,
                new SimpleMeterRegistry());
        // the job fails here and runs again, on this node or another
        assertThatThrownBy(() -> dyingNode.send(email))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the node died");
        assertThat(notifications.find(email.messageKey()))
                .get()
                .extracting(Communication::state)
                .isEqualTo(EmailState.SENDING);

        Communication retried = notifications.send(email);

        List<MimeMessage> received = Mailbox.awaitCount(SMTP, recipient, 2);
        assertThat(received).extracting(Mailbox::messageId).containsOnly(retried.messageId());
        assertThat(Mailbox.text(received.get(1))).isEqualTo(Mailbox.text(received.get(0)));
        assertThat(received.get(1).getSentDate()).isEqualTo(received.get(0).getSentDate());
        assertThat(retried.state()).isEqualTo(EmailState.SENT);
        assertThat(notifications.send(email).communicationId()).isEqualTo(retried.communicationId());
        assertThat(Mailbox.to(SMTP, recipient)).hasSize(2);
    }

    @Test
    void withoutAnSmtpServerAnEmailIsRenderedAndKeptInTheLog() {
        var noSmtp = new StaticListableBeanFactory().getBeanProvider(JavaMailSenderImpl.class);
        Notifications offline = new Notifications(
                renderer,
                messages,
                communications,
                noSmtp,
                new SmtpConnections(properties, new SimpleMeterRegistry()),
                properties,
                events,
                new SimpleMeterRegistry());
        String caseId = Catalog.unique("CASE");
        String recipient = Catalog.unique("offline") + "@example.com";

        Communication kept = offline.send(new OutgoingEmail(
                Catalog.unique("key"),
                "ORD-1",
                List.of(caseId),
                Map.of(),
                recipient,
                "status-reminder",
                Locale.ENGLISH,
                ZoneId.of("UTC"),
                model("Grace")));

        assertThat(kept.state()).isEqualTo(EmailState.LOGGED);
        assertThat(kept.sentAt()).isNull();
        assertThat(notifications.forCase(caseId)).singleElement().satisfies(entry -> {
            assertThat(entry.bodyText()).contains("Hello Grace", "expected date: 3 December 2026");
            assertThat(entry.subject()).isEqualTo("Your order ORD-1: Lantern is still on its way");
        });
        assertThat(Mailbox.to(SMTP, recipient)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void customerTextIsEscapedInHtmlAndCannotAddMailHeaders() throws Exception {
        String recipient = Catalog.unique("inject") + "@example.com";
        Map<String, Object> model = new HashMap<>(model("<script>alert('x')</script>"));
        Map<String, Object> line = new HashMap<>(((List<Map<String, Object>>) model.get("lines")).get(0));
        line.put("productName", "Lantern\r\nBcc: victim@example.com");
        model.put("lines", List.of(line));

        notifications.send(reminder(Catalog.unique("key"), recipient, model));

        MimeMessage received = Mailbox.awaitCount(SMTP, recipient, 1).get(0);
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getSubject()).doesNotContain("\r", "\n").contains("Lantern Bcc: victim@example.com");
        assertThat(Mailbox.html(received)).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(Mailbox.to(SMTP, "victim@example.com")).isEmpty();
    }

    @Test
    void operatorsCanReplaceATemplateFromAFolderWithoutARebuild(@TempDir Path folder) throws Exception {
        Files.writeString(
                folder.resolve("status-reminder.en.txt"),
                "[(${shopName})] still has it on order, [(${customerName})]\nOur own words.\n");
        EmailRenderer custom = new EmailRenderer(new MailProperties(
                "Outdoor Corner",
                "shop@example.com",
                null,
                "help@example.com",
                folder,
                "example.com",
                false,
                "R5/PT1M",
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                20));

        EmailRenderer.Rendered rendered = custom.render(reminder("key", "x@example.com", "Ada"));

        assertThat(rendered.subject()).isEqualTo("Outdoor Corner still has it on order, Ada");
        assertThat(rendered.text()).isEqualTo("Our own words.\n");
        // the folder has no HTML version: the built-in one is used
        assertThat(rendered.html()).contains("Outdoor Corner", "Lantern");
    }

    @Test
    void aTemplateReadsOnlyTheValuesItShowsStillOnOneLine() {
        // a case's mail line reads the case's tables for a value when it is asked for (MailLine)
        List<Object> asked = new ArrayList<>();
        Map<String, Object> line =
                new HashMap<>(Map.of(
                        "productName",
                        "Lantern\r\nBcc: someone@example.com",
                        "quantityShort",
                        2,
                        "discountPercent",
                        0,
                        "expectedDate",
                        "3 December 2026",
                        "alternatives",
                        List.of())) {
                    @Override
                    public Object get(Object key) {
                        asked.add(key);
                        return super.get(key);
                    }
                };

        EmailRenderer.Rendered rendered = renderer.render(new OutgoingEmail(
                "key",
                "ORD-1",
                List.of("ORD-1-1"),
                Map.of(),
                "x@example.com",
                "shipped",
                Locale.ENGLISH,
                ZoneId.of("UTC"),
                Map.of("customerName", "Ada", "orderId", "ORD-1", "lines", List.of(line))));

        assertThat(rendered.text()).contains("2 x Lantern Bcc: someone@example.com");
        assertThat(asked).contains("productName", "quantityShort").doesNotContain("expectedDate", "alternatives");
    }
}
