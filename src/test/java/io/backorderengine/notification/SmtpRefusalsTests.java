package io.backorderengine.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.Map;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

/** What the SMTP server's answer means for an email: never deliverable, or worth another try. */
class SmtpRefusalsTests {

    @Test
    void aRecipientRefusedForGoodIsNamedWithTheServersOwnWords() throws Exception {
        SendFailedException refused = new SendFailedException(
                "Invalid Addresses",
                new MessagingException("550 5.1.1 <nobody@example.com>: mailbox unavailable\nmore detail"),
                new Address[0],
                new Address[0],
                new Address[] {new InternetAddress("nobody@example.com")});
        MailSendException failure = new MailSendException(Map.of(new Object(), refused));

        assertThat(SmtpRefusals.permanentRefusal(failure))
                .isEqualTo(
                        "the mail server refused nobody@example.com: 550 5.1.1 <nobody@example.com>: mailbox unavailable");
    }

    @Test
    void aServerThatCannotBeReachedIsWorthAnotherTry() {
        MailSendException failure = new MailSendException(
                "Mail server connection failed",
                new MessagingException("Could not connect", new ConnectException("Connection refused")));

        assertThat(SmtpRefusals.permanentRefusal(failure)).isNull();
        assertThat(SmtpRefusals.reason(failure)).isEqualTo("Connection refused");
    }
}
