package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Slow clients cannot starve a node: 250 connections trickle form bodies one byte every two seconds to the
 * customer page and the webapps' login, as the attack did, and the node still answers readiness and the
 * API at once. The uploads beyond what the node reads at once are refused straight away (503).
 */
class SlowClientTests extends ApplicationTest {

    private static final int CONNECTIONS = 250;

    @LocalServerPort
    int port;

    private final List<Socket> slow = new ArrayList<>();
    /** The status line each connection was answered with, once it was. */
    private final Map<Socket, String> answered = new HashMap<>();

    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void closeConnections() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : slow) {
            socket.close();
        }
    }

    @Test
    void readinessAndTheApiAnswerAtOnceWhile250SlowUploadsAreOpen() throws Exception {
        for (int i = 0; i < CONNECTIONS; i++) {
            String path =
                    i % 2 == 0 ? "/customer/decisions/slow" + i : "/camunda/api/admin/auth/user/default/login/tasklist";
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nu")
                            .getBytes(StandardCharsets.US_ASCII));
            slow.add(socket);
        }
        trickle.scheduleAtFixedRate(this::oneMoreByteEach, 2, 2, TimeUnit.SECONDS);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        for (int probe = 0; probe < 5; probe++) {
            long readiness = timed(
                    http,
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")));
            long api = timed(
                    http,
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/backorders/none"))
                            .header(
                                    "Authorization",
                                    "Basic "
                                            + Base64.getEncoder()
                                                    .encodeToString(
                                                            (TestUsers.SHOP + ":" + TestUsers.password(TestUsers.SHOP))
                                                                    .getBytes(StandardCharsets.UTF_8))));
            assertThat(readiness).as("readiness answered in ms").isLessThan(1_000);
            assertThat(api).as("the API answered in ms").isLessThan(1_000);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> refusedAtOnce() >= CONNECTIONS - 2 * 8);
    }

    /** ms until the request answered; it must be a success (readiness UP, the API 404 for an unknown case). */
    private static long timed(HttpClient http, HttpRequest.Builder request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<String> response =
                http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).isIn(200, 404);
        return millis;
    }

    private void oneMoreByteEach() {
        for (Socket socket : slow) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write('x');
                out.flush();
            } catch (IOException closedByTheServer) {
                // refused or timed out: nothing more to send
            }
        }
    }

    /** Connections the server has already answered with 503. */
    private long refusedAtOnce() {
        for (Socket socket : slow) {
            if (!answered.containsKey(socket)) {
                statusLine(socket).ifPresent(line -> answered.put(socket, line));
            }
        }
        return answered.values().stream()
                .filter(line -> line.startsWith("HTTP/1.1 503"))
                .count();
    }

    private static Optional<String> statusLine(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            if (in.available() < 12) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readNBytes(12), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
