package io.backorderengine.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An order system's webhook endpoint inside the test JVM: a real HTTP server that keeps every call it
 * answered 2xx, answers the status a test sets, and can go down (its port refuses connections) and come
 * back on the same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A call as the receiver saw it. */
    public record Call(String eventId, String timestamp, String signature, String attempt, String body) {}

    private final int port;
    private final List<Call> accepted = new CopyOnWriteArrayList<>();
    private final List<Call> refused = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private volatile int answer = 204;
    private HttpServer server;

    private WebhookReceiver(int port) {
        this.port = port;
    }

    /** A receiver up on a free port. */
    public static WebhookReceiver start() throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(ApplicationNode.freePort());
        receiver.up();
        return receiver;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/hooks/backorder";
    }

    /** Listens again (on the same port). */
    public synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setExecutor(threads);
        server.createContext("/hooks/backorder", this::handle);
        server.start();
    }

    /** Stops listening: calls are refused at connect, as with a receiver that is down. */
    public synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** The status every call is answered with from now on (2xx: accepted and kept). */
    public void answer(int status) {
        this.answer = status;
    }

    /** The calls answered 2xx, in the order they came. */
    public List<Call> accepted() {
        return List.copyOf(accepted);
    }

    /** The calls answered otherwise. */
    public List<Call> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            var headers = exchange.getRequestHeaders();
            Call call = new Call(
                    headers.getFirst("Backorder-Event-Id"),
                    headers.getFirst("Backorder-Timestamp"),
                    headers.getFirst("Backorder-Signature"),
                    headers.getFirst("Backorder-Attempt"),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
            int status = answer;
            (status >= 200 && status < 300 ? accepted : refused).add(call);
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
