package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.backorderengine.support.ApplicationNode;
import io.backorderengine.support.Mailbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * PostgreSQL restarted under load (orders, receipts and emails flowing): the node stays up, answers 503
 * problem+json while the database is away (never a 500), its readiness goes down and comes back by
 * itself, every answered request is kept, every case's notice goes out, and none goes out twice.
 */
@Tag("application")
class DatabaseRestartTests {

    private static final String ADMIN_PASSWORD = "restart-admin-password";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theNodeRidesOutADatabaseRestartLosingNothing() throws Exception {
        Path data = Files.createTempDirectory("restart-pg");
        int pgPort = freePort();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        EmbeddedPostgres postgres = postgres(data, pgPort);
        ApplicationNode node = null;
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            node = ApplicationNode.start(
                            "restart",
                            Path.of("target", "database-restart"),
                            List.of(
                                    "--spring.profiles.active=postgres",
                                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                                    "--spring.datasource.username=postgres",
                                    "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                                    "--spring.mail.host=127.0.0.1",
                                    "--spring.mail.port=" + smtp.getSmtp().getPort(),
                                    "--camunda.bpm.job-execution.lock-time-in-millis=5000",
                                    "--camunda.bpm.job-execution.wait-time-in-millis=200",
                                    "--camunda.bpm.job-execution.max-wait=1000",
                                    "--backorder.mail.retry-cycle=R10/PT3S",
                                    "--backorder.mail.stalled-after=PT5S",
                                    "--backorder.messages.sweep-interval=PT1S",
                                    "--spring.main.banner-mode=off",
                                    "--logging.level.root=warn",
                                    "--logging.level.io.backorderengine=info"))
                    .awaitReady(Duration.ofMinutes(3));
            String key = setUp(node, postgres);

            Set<String> answered = ConcurrentHashMap.newKeySet();
            Set<String> receipts = ConcurrentHashMap.newKeySet();
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            ApplicationNode load = node;
            for (int c = 0; c < 3; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        int n = sequence.incrementAndGet();
                        boolean receipt = n % 10 == 0;
                        String id = (receipt ? "RCPT-" : "RST-") + n;
                        try {
                            HttpResponse<String> response = receipt
                                    ? load.send(
                                            "POST",
                                            "/api/inventory/receipts",
                                            "{\"receiptId\":\"%s\",\"sku\":\"RST-SHORT\",\"quantity\":1}".formatted(id),
                                            "erp",
                                            key)
                                    : load.send("POST", "/api/orders", order(id), "erp", key);
                            statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                                    .incrementAndGet();
                            if (response.statusCode() == 503) {
                                assertThat(response.headers().firstValue("Content-Type"))
                                        .hasValueSatisfying(
                                                type -> assertThat(type).startsWith("application/problem+json"));
                                assertThat(response.headers().firstValue("Retry-After"))
                                        .isPresent();
                            }
                            if (response.statusCode() == 201 || response.statusCode() == 200) {
                                (receipt ? receipts : answered).add(id);
                            }
                        } catch (IOException | InterruptedException e) {
                            statuses.computeIfAbsent(-1, s -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= 30);

            postgres.close(); // the database goes away, its data stays
            ApplicationNode probe = node;
            await("readiness reports the database gone")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> readiness(probe) == 503);
            await("intake answers 503 while it is gone")
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> statuses.getOrDefault(503, new AtomicInteger()).get() > 0);
            postgres = postgres(data, pgPort);
            await("readiness comes back by itself")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> readiness(probe) == 200);
            int before = answered.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= before + 30);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            assertThat(statuses.keySet())
                    .as("answers: %s", statuses)
                    .doesNotContain(500)
                    .contains(201, 503);
            JdbcTemplate db = jdbc(postgres);
            for (String orderId : answered) {
                assertThat(db.queryForObject(
                                "select count(*) from customer_order where order_id = ?", Integer.class, orderId))
                        .as(orderId)
                        .isEqualTo(1);
            }
            for (String receiptId : receipts) {
                assertThat(db.queryForObject(
                                "select count(*) from stock_receipt where receipt_id = ?", Integer.class, receiptId))
                        .as(receiptId)
                        .isEqualTo(1);
            }
            // every start and job finishes: each answered order's customer hears of the short line, under one
            // Message-ID: its backorder notice, or the ship notice when a receipt served the case before its
            // notice went out
            await("every customer told")
                    .atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> db.queryForObject("""
                            select count(distinct order_id) from communication
                            where template in ('backorder-notice', 'shipped') and state = 'SENT'
                            and order_id like 'RST-%'""", Integer.class) >= answered.size());
            assertThat(db.queryForObject("select count(*) from ACT_RU_INCIDENT", Integer.class))
                    .as("incidents")
                    .isZero();
            Map<String, Integer> perMessageId = new HashMap<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                perMessageId.merge(Mailbox.messageId(message), 1, Integer::sum);
            }
            long twice = perMessageId.values().stream().filter(n -> n > 1).count();
            assertThat(db.queryForObject("""
                    select count(*) from (select order_id from communication where order_id like 'RST-%'
                    group by order_id, template having count(*) > 1) twice""", Integer.class))
                    .as("orders told the same twice")
                    .isZero();
            System.out.printf(
                    "database restart: answers %s; %d orders and %d receipts kept; %d notices, %d handed to the "
                            + "SMTP server twice under one Message-ID%n",
                    statuses, answered.size(), receipts.size(), perMessageId.size(), twice);
        } finally {
            clients.shutdownNow();
            if (node != null) {
                node.close();
            }
            postgres.close();
            smtp.stop();
        }
    }

    /** The order system's key, its user and this test's catalog, as an operator would set them up. */
    private static String setUp(ApplicationNode node, EmbeddedPostgres postgres) throws Exception {
        node.send("POST", "/engine-rest/user/create", """
                {"profile": {"id": "erp", "firstName": "E", "lastName": "RP", "email": "erp@example.com"},
                 "credentials": {"password": "erp-password-not-used"}}""", "admin", ADMIN_PASSWORD);
        node.send("PUT", "/engine-rest/group/ordersystems/members/erp", null, "admin", ADMIN_PASSWORD);
        HttpResponse<String> key =
                node.send("POST", "/api/admin/api-keys", "{\"userId\": \"erp\"}", "admin", ADMIN_PASSWORD);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        JdbcTemplate db = jdbc(postgres);
        db.update(
                "insert into supplier (supplier_id, name, lead_time_days) values ('RST-SUP', 'Restart supplier', 10)");
        db.update("""
                insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                values ('RST-STOCK', 'In stock', 'rst-stock', 5.00, 'RST-SUP', 100000, null),
                       ('RST-SHORT', 'Short', 'rst-short', 7.50, 'RST-SUP', 0, 10000000)""");
        return new ObjectMapper().readTree(key.body()).path("key").asText();
    }

    private static String order(String orderId) {
        return """
                {"orderId":"%s","customer":{"id":"C-%1$s","name":"Restart Customer","email":"%1$s@example.com","tier":"STANDARD"},
                 "lines":[{"lineId":"1","sku":"RST-STOCK","quantity":1},{"lineId":"2","sku":"RST-SHORT","quantity":1}]}""".formatted(orderId);
    }

    private static int readiness(ApplicationNode node) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(node.uri("/actuator/health/readiness"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    private static JdbcTemplate jdbc(EmbeddedPostgres postgres) {
        return new JdbcTemplate(
                new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
