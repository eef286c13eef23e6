package io.backorderengine.benchmark;

import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * The mail server the benchmarks send to: GreenMail's SMTP server on loopback, answering without the
 * 40 ms pause it otherwise adds to every email.
 *
 * <p>GreenMail writes each line of a multi-line reply (its answer to {@code EHLO}) with a write of its
 * own, on a socket with Nagle's algorithm on: the reply's second line waits until the client acknowledges
 * the first, and the client, waiting for the rest of the reply, delays that acknowledgement by 40 ms.
 * Measured on this host, one sender to GreenMail took 48 ms an email as it comes and 3.6 ms with this
 * server; a {@code python3 smtplib} session saw the same 43 ms in {@code EHLO} alone, so the pause is the
 * test server's, not the product's. A benchmark that kept it would measure GreenMail's socket settings,
 * not what a notice costs.
 */
final class BenchmarkSmtp extends GreenMail {

    BenchmarkSmtp() {
        super(ServerSetupTest.SMTP.dynamicPort());
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        for (ServerSetup setup : config) {
            if (!ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                throw new IllegalArgumentException("only SMTP is served here, not " + setup.getProtocol());
            }
            services.put(setup.getProtocol(), new PromptSmtpServer(setup, managers));
        }
        return services;
    }

    /** An SMTP server whose connections send each write at once. */
    private static final class PromptSmtpServer extends SmtpServer {

        PromptSmtpServer(ServerSetup setup, Managers managers) {
            super(setup, managers);
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            try {
                client.setTcpNoDelay(true);
            } catch (SocketException e) {
                throw new IllegalStateException("cannot turn Nagle's algorithm off for an SMTP client", e);
            }
            return super.createProtocolHandler(client);
        }
    }
}
