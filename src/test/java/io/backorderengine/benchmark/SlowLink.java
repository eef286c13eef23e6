package io.backorderengine.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A loopback relay to a server that hands each of the server's answers on a set time after it came, as a
 * network with that round trip would: a mail server across a network, for the benchmarks
 * ({@code -Dbenchmark.smtp.reply-delay-ms}). What the client sends passes at once.
 */
final class SlowLink {

    private final ServerSocket listener;
    private final int upstreamPort;
    private final long delayNanos;

    private SlowLink(int upstreamPort, long delayMillis) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    /** Relays to the port, holding each answer for the delay; a delay of 0 needs no relay: the port itself. */
    static int to(int upstreamPort, long delayMillis) throws IOException {
        if (delayMillis <= 0) {
            return upstreamPort;
        }
        SlowLink link = new SlowLink(upstreamPort, delayMillis);
        daemon("slow-link-accept", link::accept);
        return link.listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                daemon("slow-link-up", () -> pass(client, server));
                relayLate(server, client);
            } catch (IOException unreachable) {
                // the server refused this connection: so does the relay, and it takes the next one
                closeQuietly(client);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket nobody will use
        }
    }

    /** The client's commands, at once. */
    private static void pass(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (from;
                to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int read; (read = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // either side hung up: so does the other
        }
    }

    /** The server's answers, each written the delay after it was read, in order. */
    private void relayLate(Socket from, Socket to) {
        BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        daemon("slow-link-read", () -> {
            byte[] buffer = new byte[16_384];
            try {
                InputStream in = from.getInputStream();
                for (int read; (read = in.read(buffer)) > 0; ) {
                    chunks.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, read)));
                }
            } catch (IOException closed) {
                // hung up
            }
            chunks.add(Chunk.END);
        });
        daemon("slow-link-write", () -> {
            try (from;
                    to) {
                OutputStream out = to.getOutputStream();
                for (Chunk chunk = chunks.take(); chunk != Chunk.END; chunk = chunks.take()) {
                    // the simulated network itself: the answer is on its way until then
                    TimeUnit.NANOSECONDS.sleep(Math.max(0, chunk.due - System.nanoTime()));
                    out.write(chunk.bytes);
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // hung up
            }
        });
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private record Chunk(long due, byte[] bytes) {
        static final Chunk END = new Chunk(0, new byte[0]);
    }
}
