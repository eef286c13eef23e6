package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.support.ApplicationNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Every write the API acknowledged survives {@code kill -9} of the process, on the embedded default (H2
 * in a file) and on PostgreSQL. Clients place orders (one line in stock, one short) and book receipts in a
 * loop while the process is killed, 20 times: half of the kills within a few milliseconds of an answer, the
 * others at random moments. After each kill, with the process gone, the database must hold every order and
 * receipt answered 201/200, a case and a process instance for every short line, and every unit must be
 * where the ledgers say (on hand plus held equals what there was plus what was received).
 */
@Tag("application")
class CrashTests {

    private static final int KILLS = 20;
    private static final int STOCK = 100_000;
    private static final String KEY = "demo"; // the demo order system's API key
    private static final Path LOGS = Path.of("target", "crash");

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"h2", "postgres"})
    void everyAnsweredWriteSurvivesAKill(String database) throws Exception {
        Path data = Files.createTempDirectory("crash-" + database);
        List<String> arguments = database.equals("h2")
                ? List.of("--spring.profiles.active=demo", "--backorder.data-folder=" + data)
                : List.of(
                        "--spring.profiles.active=demo,postgres",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres");
        Database db = database.equals("h2") ? Database.h2(data) : Database.postgres(postgres);
        // the first start creates the schema; the catalog of this test is added with the process down (H2 locks its
        // file)
        start(database, 0, arguments).kill();
        db.run(jdbc -> {
            jdbc.update(
                    "insert into supplier (supplier_id, name, lead_time_days) values ('CRASH-SUP', 'Crash supplier', 10)");
            jdbc.update("""
                    insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                    values ('CRASH-STOCK', 'In stock', 'crash-stock', 5.00, 'CRASH-SUP', ?, null)""", STOCK);
            jdbc.update("""
                    insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                    values ('CRASH-SHORT', 'Short', 'crash-short', 7.50, 'CRASH-SUP', 0, 10000000)""");
        });

        Set<String> answeredOrders = ConcurrentHashMap.newKeySet();
        Set<String> answeredReceipts = ConcurrentHashMap.newKeySet();
        AtomicInteger sequence = new AtomicInteger();
        Random random = new Random(42);
        List<Long> msFromAnswerToKill = new ArrayList<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            ApplicationNode node = start(database, kill, arguments);
            boolean rightAfterAnAnswer = kill % 2 == 0;
            int answersBeforeKill = 5 + random.nextInt(30);
            long randomMoment = 100 + random.nextInt(1500);
            CountDownLatch trigger = new CountDownLatch(rightAfterAnAnswer ? answersBeforeKill : Integer.MAX_VALUE);
            AtomicLong answerToKill = new AtomicLong(-1);
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                clients.submit(() -> {
                    while (node.alive()) {
                        int n = sequence.incrementAndGet();
                        try {
                            boolean receipt = n % 10 == 0;
                            String id = (receipt ? "RCPT-" : "CRASH-") + n;
                            HttpResponse<String> response = receipt
                                    ? node.send(
                                            "POST",
                                            "/api/inventory/receipts",
                                            "{\"receiptId\":\"%s\",\"sku\":\"CRASH-SHORT\",\"quantity\":1}"
                                                    .formatted(id),
                                            "shop",
                                            KEY)
                                    : node.send("POST", "/api/orders", order(id), "shop", KEY);
                            if (response.statusCode() == 201 || response.statusCode() == 200) {
                                long answered = System.nanoTime();
                                (receipt ? answeredReceipts : answeredOrders).add(id);
                                trigger.countDown();
                                if (rightAfterAnAnswer
                                        && trigger.getCount() == 0
                                        && answerToKill.compareAndSet(-1, 0)) {
                                    // this client's answer just came: the process dies now, with the write fresh
                                    node.signalKill();
                                    answerToKill.set((System.nanoTime() - answered) / 1_000_000);
                                }
                            }
                        } catch (IOException | InterruptedException killed) {
                            // the answer never came: the request may or may not have been kept
                        }
                    }
                    return null;
                });
            }
            if (rightAfterAnAnswer) {
                assertThat(trigger.await(60, TimeUnit.SECONDS))
                        .as("answers before kill " + kill)
                        .isTrue();
            } else {
                trigger.await(randomMoment, TimeUnit.MILLISECONDS);
            }
            node.kill();
            if (rightAfterAnAnswer) {
                msFromAnswerToKill.add(answerToKill.get());
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            db.run(jdbc -> assertEverythingAnsweredIsThere(jdbc, answeredOrders, answeredReceipts));
        }
        System.out.printf(
                "crash on %s: %d kills, %d orders and %d receipts answered and kept; ms from answer to kill: %s%n",
                database, KILLS, answeredOrders.size(), answeredReceipts.size(), msFromAnswerToKill);
        assertThat(msFromAnswerToKill)
                .as("kills right after an answer")
                .hasSize(KILLS / 2)
                .allMatch(ms -> ms < 50);
        if (database.equals("h2")) {
            // every commit written at once must not make the file grow without end (H2Housekeeping)
            long megabytes = Files.size(data.resolve("backorder.mv.db")) / 1024 / 1024;
            System.out.printf("crash on h2: the database file is %d MB%n", megabytes);
            assertThat(megabytes).as("H2 file in MB").isLessThan(64);
        }
        assertThat(answeredOrders).hasSizeGreaterThan(KILLS * 5);
        everyCaseLeftUnstartedIsStartedByTheNextNode(database, arguments, db);
    }

    /** The cases a kill left without their process are started by the next node's sweep, once each. */
    private static void everyCaseLeftUnstartedIsStartedByTheNextNode(
            String database, List<String> arguments, Database db) throws Exception {
        AtomicInteger cases = new AtomicInteger();
        AtomicInteger unstarted = new AtomicInteger();
        db.run(jdbc -> {
            cases.set(count(jdbc, "select count(*) from backorder_case"));
            unstarted.set(count(jdbc, "select count(*) from backorder_case where process_instance_id is null"));
        });
        List<String> sweepingSoon = new ArrayList<>(arguments);
        sweepingSoon.addAll(
                List.of("--backorder.intake.unstarted-after=PT1S", "--backorder.intake.unstarted-sweep-interval=PT1S"));
        ApplicationNode node = start(database, KILLS + 1, sweepingSoon);
        try {
            await("every case started")
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> new ObjectMapper()
                                    .readTree(node.send(
                                                    "GET",
                                                    "/engine-rest/history/process-instance/count?processDefinitionKey=backorder",
                                                    null,
                                                    "admin",
                                                    "demo")
                                            .body())
                                    .path("count")
                                    .asInt()
                            >= cases.get());
        } finally {
            node.close();
        }
        db.run(jdbc -> {
            assertThat(count(jdbc, "select count(*) from backorder_case where process_instance_id is null"))
                    .as("cases without a process")
                    .isZero();
            assertThat(count(jdbc, "select count(*) from ACT_HI_PROCINST where PROC_DEF_KEY_ = 'backorder'"))
                    .as("one process per case")
                    .isEqualTo(cases.get());
        });
        System.out.printf(
                "crash on %s: %d of %d cases started after the kills%n", database, unstarted.get(), cases.get());
    }

    private static void assertEverythingAnsweredIsThere(JdbcTemplate jdbc, Set<String> orders, Set<String> receipts) {
        for (String orderId : orders) {
            assertThat(count(jdbc, "select count(*) from customer_order where order_id = ?", orderId))
                    .as(orderId)
                    .isEqualTo(1);
            assertThat(count(jdbc, "select count(*) from order_line where order_id = ?", orderId))
                    .as(orderId)
                    .isEqualTo(2);
            // the short item's line: reserved from a receipt's units still on hand, or backordered as a case
            int backordered = count(
                    jdbc, "select quantity_backordered from order_line where order_id = ? and line_id = '2'", orderId);
            assertThat(backordered
                            + count(
                                    jdbc,
                                    "select quantity_reserved from order_line where order_id = ? and line_id = '2'",
                                    orderId))
                    .as(orderId + ": line 2 reserved or backordered")
                    .isEqualTo(1);
            assertThat(count(jdbc, "select count(*) from backorder_case where case_id = ?", orderId + "-2"))
                    .as(orderId + ": a case for the short line")
                    .isEqualTo(backordered);
            // intake answers before the process starts: a case whose node died in between waits for the sweep
            assertThat(count(jdbc, "select count(*) from ACT_HI_PROCINST where BUSINESS_KEY_ = ?", orderId + "-2")
                            + count(
                                    jdbc,
                                    "select count(*) from backorder_case where case_id = ? and process_instance_id is null",
                                    orderId + "-2"))
                    .as(orderId + ": the case's process, or the case waiting for its start")
                    .isEqualTo(backordered);
        }
        for (String receiptId : receipts) {
            assertThat(count(jdbc, "select count(*) from stock_receipt where receipt_id = ?", receiptId))
                    .as(receiptId)
                    .isEqualTo(1);
        }
        // no unit lost or made up, whatever was cut off mid-way
        int received = count(jdbc, "select coalesce(sum(quantity), 0) from stock_receipt where sku = 'CRASH-SHORT'");
        assertThat(onHandPlusHeld(jdbc, "CRASH-STOCK")).isEqualTo(STOCK);
        assertThat(onHandPlusHeld(jdbc, "CRASH-SHORT")).isEqualTo(received);
        assertThat(count(
                        jdbc,
                        "select coalesce(sum(quantity_allocated), 0) from backorder_demand where sku = 'CRASH-SHORT'"))
                .as("allocated to cases = held for cases")
                .isEqualTo(count(jdbc, """
                        select coalesce(sum(quantity), 0) from reservation
                        where sku = 'CRASH-SHORT' and source = 'RECEIPT' and released_at is null"""));
        assertThat(count(jdbc, """
                select count(*) from order_line l where l.sku = 'CRASH-STOCK' and l.quantity_reserved <> (select coalesce(sum(r.quantity), 0)
                from reservation r where r.order_id = l.order_id and r.line_id = l.line_id and r.released_at is null)"""))
                .as("every in-stock line holds what it says")
                .isZero();
    }

    private static int onHandPlusHeld(JdbcTemplate jdbc, String sku) {
        return count(jdbc, "select on_hand from product where sku = ?", sku)
                + count(
                        jdbc,
                        "select coalesce(sum(quantity), 0) from reservation where sku = ? and released_at is null",
                        sku);
    }

    private static int count(JdbcTemplate jdbc, String sql, Object... parameters) {
        Number value = jdbc.queryForObject(sql, Number.class, parameters);
        return value == null ? 0 : value.intValue();
    }

    private static ApplicationNode start(String database, int kill, List<String> arguments) throws IOException {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(List.of(
                "--camunda.bpm.admin-user.password=demo",
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--logging.level.io.backorderengine=info",
                // the clients are one address: no throttling or upload limits in the way
                "--backorder.http.max-concurrent-uploads-per-client=64"));
        return ApplicationNode.start(database + "-" + kill, LOGS, all).awaitReady(Duration.ofMinutes(3));
    }

    private static String order(String orderId) {
        return """
                {"orderId":"%s","customer":{"id":"C-%1$s","name":"Crash Customer","email":"crash@example.com","tier":"STANDARD"},
                 "lines":[{"lineId":"1","sku":"CRASH-STOCK","quantity":1},{"lineId":"2","sku":"CRASH-SHORT","quantity":1}]}""".formatted(orderId);
    }

    /** The database behind the process, opened only while the process is down (H2 locks its file). */
    private interface Database {

        void run(JdbcWork work) throws Exception;

        static Database h2(Path folder) {
            return work -> {
                SingleConnectionDataSource data = new SingleConnectionDataSource(
                        "jdbc:h2:file:" + folder.resolve("backorder") + ";LOCK_TIMEOUT=10000", "sa", "", true);
                try {
                    work.with(new JdbcTemplate(data));
                } finally {
                    data.destroy();
                }
            };
        }

        static Database postgres(EmbeddedPostgres server) {
            return work -> {
                SingleConnectionDataSource data =
                        new SingleConnectionDataSource(server.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
                try {
                    work.with(new JdbcTemplate(data));
                } finally {
                    data.destroy();
                }
            };
        }
    }

    private interface JdbcWork {
        void with(JdbcTemplate jdbc) throws Exception;
    }
}
