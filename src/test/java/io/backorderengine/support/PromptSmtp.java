package io.backorderengine.support;

import java.net.Socket;
import java.net.SocketException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * GreenMail's SMTP server on loopback, answering without the 40 ms pause it otherwise adds to every
 * connection, and counting the connections it took. The benchmarks send to it, and tests that count
 * connections.
 *
 * <p>GreenMail writes each line of a multi-line reply (its answer to {@code EHLO}) with a write of its
 * own, on a socket with Nagle's algorithm on: the reply's second line waits until the client acknowledges
 * the first, and the client, waiting for the rest of the reply, delays that acknowledgement by 40 ms.
 * Measured on this host, one sender to GreenMail took 48 ms an email as it comes and 3.6 ms with this
 * server; a {@code python3 smtplib} session saw the same 43 ms in {@code EHLO} alone, so the pause is the
 * test server's, not the product's. A benchmark that kept it would measure GreenMail's socket settings,
 * not what a notice costs.
 */
public final class PromptSmtp extends GreenMail {

    private final AtomicInteger connections = new AtomicInteger();

    public PromptSmtp() {
        super(ServerSetupTest.SMTP.dynamicPort());
    }

    /** On the given port, as a server that restarted would be. */
    public PromptSmtp(int port) {
        super(ServerSetupTest.SMTP.port(port));
    }

    /** How many connections clients have opened to this server since it started. */
    public int connections() {
        return connections.get();
    }

    @Override
    protected Map<String, AbstractServer> createServices(ServerSetup[] config, Managers managers) {
        Map<String, AbstractServer> services = new HashMap<>();
        for (ServerSetup setup : config) {
            if (!ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                throw new IllegalArgumentException("only SMTP is served here, not " + setup.getProtocol());
            }
            services.put(setup.getProtocol(), new PromptSmtpServer(setup, managers, connections));
        }
        return services;
    }

    /** An SMTP server whose connections send each write at once. */
    private static final class PromptSmtpServer extends SmtpServer {

        private final AtomicInteger connections;

        PromptSmtpServer(ServerSetup setup, Managers managers, AtomicInteger connections) {
            super(setup, managers);
            this.connections = connections;
        }

        @Override
        protected ProtocolHandler createProtocolHandler(Socket client) {
            try {
                client.setTcpNoDelay(true);
            } catch (SocketException e) {
                throw new IllegalStateException("cannot turn Nagle's algorithm off for an SMTP client", e);
            }
            connections.incrementAndGet();
            return super.createProtocolHandler(client);
        }
    }
}
