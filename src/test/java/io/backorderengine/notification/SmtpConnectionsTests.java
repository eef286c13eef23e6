package io.backorderengine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.PromptSmtp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Emails share connections to the SMTP server, counted at the server, and nothing is lost when one breaks. */
class SmtpConnectionsTests extends ApplicationTest {

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

    private final List<GreenMail> servers = new ArrayList<>();
    private final List<SmtpConnections> pools = new ArrayList<>();

    @AfterEach
    void stop() {
        pools.forEach(SmtpConnections::closeAll);
        servers.forEach(GreenMail::stop);
    }

    @Test
    void emailsSentOneAfterAnotherShareOneConnection() {
        PromptSmtp server = started(new PromptSmtp());
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SmtpConnections pool = new SmtpConnections(properties, metrics, Duration.ofSeconds(1));
        pools.add(pool);
        Notifications node = node(server, pool);

        List<String> recipients = sendFive(node);

        for (String recipient : recipients) {
            assertThat(Mailbox.to(server, recipient)).hasSize(1);
        }
        assertThat(server.connections()).isEqualTo(1);
        assertThat(metrics.counter("backorder.mail.connections.opened").count()).isEqualTo(1);
    }

    @Test
    void aConnectionCarriesAtMostTheSetNumberOfEmails() {
        PromptSmtp server = started(new PromptSmtp());
        Notifications node = node(server, connections(properties(Duration.ofSeconds(10), 2), Duration.ofSeconds(1)));

        sendFive(node);

        assertThat(server.getReceivedMessages()).hasSize(5);
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void aConnectionIdleLongerThanAllowedIsClosedAndNotUsedAgain() {
        PromptSmtp server = started(new PromptSmtp());
        SmtpConnections pool = connections(properties(Duration.ZERO, 20), Duration.ofSeconds(1));
        Notifications node = node(server, pool);

        sendFive(node);
        assertThat(server.connections()).isEqualTo(5);

        assertThat(pool.idleCount()).isEqualTo(1);
        pool.closeIdle();
        assertThat(pool.idleCount()).isZero();
    }

    @Test
    void aServerThatHungUpMeanwhileCostsANewConnectionNotAFailedEmail() {
        PromptSmtp first = started(new PromptSmtp());
        // every idle connection is asked NOOP before it carries an email, as one idle for over a second is
        SmtpConnections pool = connections(properties, Duration.ZERO);
        Notifications node = node(first, pool);
        assertThat(node.send(email(Catalog.unique("ada") + "@example.com")).state())
                .isEqualTo(EmailState.SENT);

        int port = first.getSmtp().getPort();
        first.stop();
        PromptSmtp second = started(new PromptSmtp(port));
        String recipient = Catalog.unique("bob") + "@example.com";
        Communication sent = node.send(email(recipient));

        assertThat(sent.state()).isEqualTo(EmailState.SENT);
        assertThat(Mailbox.to(second, recipient)).extracting(Mailbox::messageId).containsExactly(sent.messageId());
        assertThat(second.connections()).isEqualTo(1);
    }

    @Test
    void anotherServerNamedByTheSenderGetsItsOwnConnection() {
        PromptSmtp first = started(new PromptSmtp());
        PromptSmtp second = started(new PromptSmtp());
        JavaMailSenderImpl sender = sender(first);
        Notifications node = node(sender, connections(properties, Duration.ofSeconds(1)));
        node.send(email(Catalog.unique("ada") + "@example.com"));

        sender.setPort(second.getSmtp().getPort());
        String recipient = Catalog.unique("bob") + "@example.com";
        node.send(email(recipient));

        assertThat(Mailbox.to(second, recipient)).hasSize(1);
        assertThat(Mailbox.to(first, recipient)).isEmpty();
    }

    private List<String> sendFive(Notifications node) {
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String recipient = Catalog.unique("five") + "@example.com";
            assertThat(node.send(email(recipient)).state()).isEqualTo(EmailState.SENT);
            recipients.add(recipient);
        }
        return recipients;
    }

    private PromptSmtp started(PromptSmtp server) {
        server.start();
        servers.add(server);
        return server;
    }

    private SmtpConnections connections(MailProperties mail, Duration trustedIdle) {
        SmtpConnections pool = new SmtpConnections(mail, new SimpleMeterRegistry(), trustedIdle);
        pools.add(pool);
        return pool;
    }

    /** A sender to the given server with the product's settings (its timeouts). */
    private JavaMailSenderImpl sender(GreenMail server) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(mailSender.getHost());
        sender.setPort(server.getSmtp().getPort());
        sender.setJavaMailProperties(mailSender.getJavaMailProperties());
        return sender;
    }

    private Notifications node(GreenMail server, SmtpConnections pool) {
        return node(sender(server), pool);
    }

    private Notifications node(JavaMailSenderImpl sender, SmtpConnections pool) {
        var provider =
                new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSenderImpl.class);
        return new Notifications(
                renderer, messages, communications, provider, pool, properties, events, new SimpleMeterRegistry());
    }

    private MailProperties properties(Duration connectionIdle, int emailsPerConnection) {
        return new MailProperties(
                properties.shopName(),
                properties.from(),
                properties.replyTo(),
                properties.supportContact(),
                properties.templateFolder(),
                properties.messageIdDomain(),
                properties.logLinksWhenNotSent(),
                properties.retryCycle(),
                properties.stalledAfter(),
                properties.stalledSweepInterval(),
                connectionIdle,
                emailsPerConnection);
    }

    private static OutgoingEmail email(String recipient) {
        return ReminderEmails.reminder(Catalog.unique("key"), recipient, "Ada");
    }
}
