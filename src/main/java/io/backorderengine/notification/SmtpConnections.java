package io.backorderengine.notification;

import java.time.Duration;
import java.util.Date;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Hands emails to the SMTP server over connections kept open between emails.
 *
 * <p>{@link JavaMailSenderImpl#send} connects for every email: a connect, the server's greeting, {@code EHLO}
 * (with TLS a handshake and a second {@code EHLO}, with a login an {@code AUTH}) and a {@code QUIT}, all
 * before and after the three commands that carry the email. To a relay across a network each of those is a
 * round trip a notice's job thread waits for. Here a thread takes an open connection to the configured server
 * if one is idle, sends, and gives it back.
 *
 * <ul>
 * <li>A connection idle for longer than {@code backorder.mail.connection-idle} is closed (on the next use,
 * or by a sweep every few seconds); one idle for over a second is asked {@code NOOP} before it carries an
 * email, so a server that has meanwhile hung up costs a new connection, not a failed email.</li>
 * <li>After {@code backorder.mail.emails-per-connection} emails a connection is closed: many servers limit
 * how many a connection may carry.</li>
 * <li>A connection that failed in any way is closed, never given back. The failure reaches the caller as
 * {@link JavaMailSenderImpl#send} reports it (the email's job retries, or a refusal for good is recorded), so
 * a failed try is never repeated here: repeating it is the job's decision, under the same Message-ID.</li>
 * <li>A connection is used for the server the sender names at the time (host, port, protocol, user); when
 * that changes, the old connections are closed.</li>
 * </ul>
 * The settings' timeouts ({@code mail.smtp.*timeout}) bound every command, {@code NOOP} and {@code QUIT}
 * included. Metric: {@code backorder.mail.connections.opened}.
 */
@Component
class SmtpConnections {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnections.class);

    /** Idle for less than this, a connection is used without asking the server whether it is still there. */
    private static final Duration TRUSTED_IDLE = Duration.ofSeconds(1);

    /** Last given back first: the warmest connections carry the emails, the others age out. */
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();

    private final long keepIdleNanos;
    private final long trustedIdleNanos;
    private final int emailsPerConnection;
    private final Counter opened;

    @Autowired
    SmtpConnections(MailProperties properties, MeterRegistry metrics) {
        this(properties, metrics, TRUSTED_IDLE);
    }

    /** @param trustedIdle a connection idle for longer is asked {@code NOOP} before it is used again */
    SmtpConnections(MailProperties properties, MeterRegistry metrics, Duration trustedIdle) {
        this.trustedIdleNanos = trustedIdle.toNanos();
        this.keepIdleNanos = properties.connectionIdle().toNanos();
        this.emailsPerConnection = properties.emailsPerConnection();
        this.opened = Counter.builder("backorder.mail.connections.opened")
                .description("connections this node opened to the mail server")
                .register(metrics);
    }

    /**
     * Sends one email to the sender's server.
     *
     * @throws MailAuthenticationException the server refused the login
     * @throws MailSendException the server could not be reached or did not take the email; its failed
     *     messages hold JavaMail's exception, as {@link JavaMailSenderImpl#send} reports it
     */
    void send(JavaMailSenderImpl sender, MimeMessage message) throws MailException {
        Server server = Server.of(sender);
        Connection connection = take(server, sender, message);
        try {
            Address[] recipients = prepared(message);
            connection.transport.sendMessage(message, recipients);
        } catch (MessagingException e) {
            connection.close();
            throw new MailSendException(Map.of(message, e));
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.sent++;
        if (connection.sent >= emailsPerConnection) {
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        idle.offerFirst(connection);
    }

    /** Closes the connections idle for longer than allowed, so a quiet node holds none open. */
    @Scheduled(fixedDelay = 5, timeUnit = TimeUnit.SECONDS)
    void closeIdle() {
        long now = System.nanoTime();
        for (Connection connection : idle) {
            // only the one that removes it may close it: a sender may take it at the same moment
            if (now - connection.idleSince > keepIdleNanos && idle.removeFirstOccurrence(connection)) {
                connection.close();
            }
        }
    }

    @PreDestroy
    void closeAll() {
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            connection.close();
        }
    }

    /** Connections open and idle, for tests and diagnosis. */
    int idleCount() {
        return idle.size();
    }

    private Connection take(Server server, JavaMailSenderImpl sender, MimeMessage message) {
        for (Connection connection; (connection = idle.pollFirst()) != null; ) {
            if (connection.fitFor(server, System.nanoTime())) {
                return connection;
            }
            connection.close();
        }
        return open(server, sender, message);
    }

    private Connection open(Server server, JavaMailSenderImpl sender, MimeMessage message) {
        Transport transport;
        try {
            transport = sender.getSession().getTransport(server.protocol);
        } catch (MessagingException e) {
            throw new MailSendException("Mail server connection failed", e, Map.of(message, e));
        }
        // as JavaMailSenderImpl: an empty user (an unset placeholder) logs in as nobody
        String password = server.username == null && "".equals(sender.getPassword()) ? null : sender.getPassword();
        try {
            transport.connect(server.host, server.port, server.username, password);
        } catch (AuthenticationFailedException e) {
            throw new MailAuthenticationException(e);
        } catch (MessagingException e) {
            throw new MailSendException("Mail server connection failed", e, Map.of(message, e));
        }
        opened.increment();
        return new Connection(server, transport);
    }

    /** What {@link JavaMailSenderImpl} does to a message before it goes: a sent date, and its own Message-ID. */
    private static Address[] prepared(MimeMessage message) throws MessagingException {
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        Address[] recipients = message.getAllRecipients();
        return recipients == null ? new Address[0] : recipients;
    }

    /** Which server a connection talks to, as the sender names it; a change of any part is another server. */
    private record Server(String protocol, String host, int port, String username, int passwordHash) {

        static Server of(JavaMailSenderImpl sender) {
            String protocol = sender.getProtocol();
            if (protocol == null) {
                protocol = sender.getSession().getProperty("mail.transport.protocol");
            }
            String username = "".equals(sender.getUsername()) ? null : sender.getUsername();
            return new Server(
                    protocol == null ? "smtp" : protocol,
                    sender.getHost(),
                    sender.getPort(),
                    username,
                    Objects.hashCode(sender.getPassword()));
        }

        @Override
        public String toString() {
            return protocol + "://" + host + ":" + port; // never the password's hash
        }
    }

    private final class Connection {

        final Server server;
        final Transport transport;
        int sent;
        volatile long idleSince;

        Connection(Server server, Transport transport) {
            this.server = server;
            this.transport = transport;
        }

        boolean fitFor(Server wanted, long now) {
            if (!server.equals(wanted) || now - idleSince > keepIdleNanos) {
                return false;
            }
            // asks the server (NOOP): false, and closed, when it has hung up meanwhile
            return now - idleSince < trustedIdleNanos || transport.isConnected();
        }

        void close() {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                log.debug("Closing the connection to mail server {} failed: {}", server, e.toString());
            }
        }
    }
}
