package io.backorderengine.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The application in a JVM of its own, started from the test classpath (without the test classes)
 * as an operator would start it: {@code java ... BackorderEngineApplication --spring.profiles.active=...}.
 * It can be killed the hard way ({@code SIGKILL}): no shutdown hook, no context close, locks left held.
 */
public final class ApplicationNode implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ApplicationNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a node on a free port; {@code arguments} are Spring Boot command-line properties. */
    public static ApplicationNode start(String name, Path logFolder, List<String> arguments) throws IOException {
        // a small node: the tests run two of them beside their own JVM on two cores
        return start(
                name,
                logFolder,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"),
                arguments);
    }

    /** Starts a node with the given JVM options (a benchmark runs it as in production). */
    public static ApplicationNode start(String name, Path logFolder, List<String> jvmOptions, List<String> arguments)
            throws IOException {
        int port = freePort();
        Files.createDirectories(logFolder);
        Path log = logFolder.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                applicationClassPath(),
                "io.backorderengine.BackorderEngineApplication",
                "--server.port=" + port));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ApplicationNode(name, port, log, process);
    }

    /** Waits until the node reports itself ready, failing early with its log when it died instead. */
    public ApplicationNode awaitReady(Duration timeout) {
        await(name + " ready")
                .atMost(timeout)
                .dontCatchUncaughtExceptions()
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                name + " exited with " + process.exitValue() + ":\n" + logTail());
                    }
                    try {
                        return HTTP.send(
                                                HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    /** Sends {@code kill -9} and returns at once, without waiting for the process to be gone. */
    public void signalKill() {
        process.destroyForcibly(); // SIGKILL on Linux
    }

    /** {@code kill -9}: the JVM gets no chance to finish, commit or release anything. */
    public void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Freezes ({@code kill -STOP}) or thaws ({@code kill -CONT}) the node's JVM: frozen, it runs nothing, so
     * whatever it holds (job locks, open transactions) stays as it was until it is thawed or killed.
     */
    public void freeze(boolean frozen) {
        try {
            Process signal = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(process.pid()))
                    .inheritIO()
                    .start();
            if (!signal.waitFor(10, TimeUnit.SECONDS) || signal.exitValue() != 0) {
                throw new IllegalStateException("could not " + (frozen ? "freeze " : "thaw ") + name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A JSON request with Basic credentials; connection failures are the caller's to handle. */
    public HttpResponse<String> send(String method, String path, String body, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The test JVM's classpath without the test classes, so the node runs only what ships (surefire
     * passes the full path in {@code surefire.test.class.path}; its own {@code java.class.path} may be
     * a manifest-only jar).
     */
    private static String applicationClassPath() {
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !entry.replace('\\', '/').endsWith("/test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
