package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.backorderengine.support.ApplicationNode;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.WebhookReceiver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two nodes of the application, each a JVM of its own, on one PostgreSQL database (Camunda's cluster
 * mode). Order systems push orders and receipts through both; one node is killed with SIGKILL half
 * way, and what it was doing (requests in flight, locked jobs, undelivered case messages, emails
 * half sent) must be finished by the other: every case ends in the right state, every unit is held
 * once, every email reaches the customer under one Message-ID, and no incident is left.
 */
@Tag("application")
class TwoNodesTests {

    private static final String ADMIN_PASSWORD = "two-nodes-admin-password";
    private static final String SHOP = "twonodeshop";
    private static final String SHOP_PASSWORD = "twonodeshop-password";
    /** The order system's API key, issued by the administrator at set-up. */
    private static String shopKey;

    /** SKUs 0-3 receive exactly their demand (every case ships); 4-5 half of it (cases keep waiting). */
    private static final int SKUS = 6;

    private static final int FULLY_SUPPLIED = 4;
    private static final int ORDERS = 180;

    private static EmbeddedPostgres postgres;
    private static GreenMail smtp;
    private static SingleConnectionDataSource database;
    private static JdbcTemplate db;
    private static ApplicationNode nodeA;
    private static ApplicationNode nodeB;
    /** The order system's webhook endpoint: refusing (503) until half way and a call refused, then taking every call. */
    private static WebhookReceiver receiver;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        postgres = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        Path logs = Path.of("target", "two-nodes");
        // A fresh database: the first node creates the schemas, the identity and the filters; the
        // second joins once it is ready (the documented way to bring up a new installation).
        nodeA = ApplicationNode.start("node-a", logs, nodeArguments("node-a")).awaitReady(Duration.ofMinutes(4));
        nodeB = ApplicationNode.start("node-b", logs, nodeArguments("node-b")).awaitReady(Duration.ofMinutes(4));
        database = new SingleConnectionDataSource(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
        db = new JdbcTemplate(database);
        createOrderSystemUser();
        createCatalog();
        subscribeReceiver();
    }

    private static List<String> nodeArguments(String name) {
        return List.of(
                "--backorder.node-name=" + name,
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                "--spring.datasource.username=postgres",
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                // takeover of a dead node's jobs after 5 s instead of 5 min, and quick polling
                "--camunda.bpm.job-execution.lock-time-in-millis=5000",
                "--camunda.bpm.job-execution.wait-time-in-millis=200",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--backorder.messages.sweep-interval=PT1S",
                "--backorder.mail.retry-cycle=R5/PT2S",
                // webhooks: quick tries that never give up here, and a dead node's call taken over after 36 s
                "--backorder.webhooks.allow-plain-http=true",
                "--backorder.webhooks.poll-interval=PT0.5S",
                "--backorder.webhooks.connect-timeout=PT1S",
                "--backorder.webhooks.call-timeout=PT2S",
                "--backorder.webhooks.retry.first-interval=PT1S",
                "--backorder.webhooks.retry.max-interval=PT2S",
                "--backorder.webhooks.retry.max-attempts=1000",
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--logging.level.io.backorderengine=info");
    }

    @AfterAll
    static void stop() throws IOException {
        if (database != null) {
            database.destroy();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aNodeKilledMidWayLosesNothingAndSendsNothingTwice() throws Exception {
        List<Request> requests = workload();
        CountDownLatch halfDone = new CountDownLatch(requests.size() / 2);
        AtomicInteger retriedOnSurvivor = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        int strandedJobs;
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                Request request = requests.get(i);
                ApplicationNode first = i % 2 == 0 ? nodeA : nodeB;
                responses.add(clients.submit(() -> {
                    try {
                        return sendWithFailover(request, first, retriedOnSurvivor);
                    } finally {
                        halfDone.countDown();
                    }
                }));
            }
            assertThat(halfDone.await(3, TimeUnit.MINUTES))
                    .as("half the requests answered")
                    .isTrue();
            // outcomes come from receipts in the second half: the receiver keeps refusing until it has refused
            // one at least, however fast intake answered the first half
            await("the receiver refused a call")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> !receiver.refused().isEmpty());
            // mid-way, and at a moment node B holds jobs: their locks stay behind with the dead node. B is frozen
            // before it is killed, so a job it finishes between our look and the kill cannot leave it holding none
            await("node B frozen while it holds a job lock")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(20))
                    .until(TwoNodesTests::nodeBFrozenHoldingJobs);
            strandedJobs = lockedBy("node-b");
            receiver.answer(204);
            nodeB.kill();
            for (int i = 0; i < responses.size(); i++) {
                HttpResponse<String> response = responses.get(i).get();
                assertThat(response.statusCode())
                        .as("%s -> %s", requests.get(i).path, response.body())
                        .isBetween(200, 299);
            }
        } finally {
            clients.shutdownNow();
        }

        await("the surviving node finishes every case")
                .atMost(Duration.ofMinutes(3))
                // a killed node's SMTP connections break in the SMTP server's threads: expected here
                .dontCatchUncaughtExceptions()
                .pollInterval(Duration.ofMillis(500))
                .until(TwoNodesTests::settled);

        assertThat(strandedJobs).as("jobs node B held when it died").isPositive();
        assertThat(lockedBy("node-b")).as("jobs still locked by the dead node").isZero();
        assertEveryUnitHeldOnce();
        assertCasesInTheirRightState();
        assertEachEmailArrivedUnderOneMessageId();
        assertEveryOutcomePushedInOrderPerCase();
        assertThat(count("select count(*) from act_ru_incident"))
                .as("open incidents")
                .isZero();
        assertThat(count("select count(*) from act_ru_job where retries_ = 0"))
                .as("failed jobs")
                .isZero();
        System.out.printf(
                "two nodes: %d requests, %d retried on the survivor; node B died holding %d job(s)%n",
                requests.size(), retriedOnSurvivor.get(), strandedJobs);
    }

    /** Freezes node B if it holds a job lock, and keeps it frozen only if it still holds one once frozen. */
    private static boolean nodeBFrozenHoldingJobs() {
        if (lockedBy("node-b") == 0) {
            return false;
        }
        nodeB.freeze(true);
        if (lockedBy("node-b") > 0) {
            return true;
        }
        nodeB.freeze(false);
        return false;
    }

    private static int lockedBy(String node) {
        return count("select count(*) from act_ru_job where lock_owner_ = ?", node);
    }

    // --- the workload ----------------------------------------------------------------------------------

    private record Request(String path, String body) {}

    /**
     * {@value #ORDERS} orders with one short line each (and every fourth with an in-stock line too),
     * and the receipts for them: the first receipts come in among the last orders, so stock arrives
     * while cases are still being opened on both nodes.
     */
    private static List<Request> workload() {
        List<Request> orders = new ArrayList<>();
        int[] demand = new int[SKUS];
        for (int i = 0; i < ORDERS; i++) {
            int sku = i % SKUS;
            int quantity = 1 + i % 3;
            demand[sku] += quantity;
            String stockLine = i % 4 == 0 ? ", {\"lineId\": \"2\", \"sku\": \"TN-STOCK\", \"quantity\": 1}" : "";
            orders.add(new Request("/api/orders", """
                    {"orderId": "TN-%d", "customer": {"id": "C-%d", "name": "Customer %d", "email": "customer%d@example.com",
                     "tier": "STANDARD"}, "lines": [{"lineId": "1", "sku": "%s", "quantity": %d}%s]}""".formatted(i, i, i, i, sku(sku), quantity, stockLine)));
        }
        List<Request> receipts = new ArrayList<>();
        for (int sku = 0; sku < SKUS; sku++) {
            int toReceive = sku < FULLY_SUPPLIED ? demand[sku] : demand[sku] / 2;
            for (int n = 0; toReceive > 0; n++) {
                int quantity = Math.min(7, toReceive);
                toReceive -= quantity;
                receipts.add(new Request("/api/inventory/receipts", """
                        {"receiptId": "TN-R-%d-%d", "sku": "%s", "quantity": %d}""".formatted(sku, n, sku(sku), quantity)));
            }
        }
        Collections.shuffle(receipts, new Random(42));
        List<Request> all = new ArrayList<>(orders.subList(0, ORDERS * 2 / 3));
        List<Request> mixed = new ArrayList<>(orders.subList(ORDERS * 2 / 3, ORDERS));
        mixed.addAll(receipts);
        Collections.shuffle(mixed, new Random(7));
        all.addAll(mixed);
        return all;
    }

    /**
     * Sends to the first node; when that node is gone (refused, or the connection broke with the
     * request in flight), sends the same request to the other, as a load balancer's retry would.
     * Both endpoints are idempotent: a repeated order answers its first result, a repeated receipt
     * id changes nothing.
     */
    private static HttpResponse<String> sendWithFailover(Request request, ApplicationNode first, AtomicInteger retried)
            throws Exception {
        try {
            return first.send("POST", request.path, request.body, SHOP, shopKey);
        } catch (IOException nodeGone) {
            ApplicationNode survivor = first == nodeA ? nodeB : nodeA;
            retried.incrementAndGet();
            return survivor.send("POST", request.path, request.body, SHOP, shopKey);
        }
    }

    // --- the end state ---------------------------------------------------------------------------------

    /** Nothing left to do but wait: no undelivered case message, no pending async step, no open supplied case. */
    private static boolean settled() {
        return count("select count(*) from case_message where delivered_at is null") == 0
                && count("select count(*) from act_ru_job where type_ = 'message'") == 0
                && count("select count(*) from backorder_case where status = 'OPEN' and sku in (" + suppliedSkus()
                                + ")")
                        == 0;
    }

    /** Every unit that ever existed is on the shelf or held, unreleased, by exactly one order line. */
    private static void assertEveryUnitHeldOnce() {
        for (int i = 0; i < SKUS; i++) {
            String sku = sku(i);
            int received = count("select coalesce(sum(quantity), 0) from stock_receipt where sku = ?", sku);
            int held = count(
                    "select coalesce(sum(quantity), 0) from reservation where sku = ? and released_at is null", sku);
            int onHand = count("select on_hand from product where sku = ?", sku);
            assertThat(onHand + held)
                    .as("%s: units on the shelf plus units held = units received", sku)
                    .isEqualTo(received);
            assertThat(count("""
                    select count(*) from backorder_demand d where d.sku = ? and d.quantity_allocated <> (select coalesce(sum(r.quantity), 0)
                    from reservation r where r.case_id = d.case_id and r.source = 'RECEIPT' and r.released_at is null)""", sku))
                    .as("%s: cases whose allocation differs from the units held for them", sku)
                    .isZero();
            if (count("select count(*) from backorder_demand where sku = ? and status = 'WAITING'", sku) > 0) {
                assertThat(onHand)
                        .as("%s: units left on the shelf while cases wait", sku)
                        .isZero();
            }
        }
        int receipts = count("select count(*) from stock_receipt");
        assertThat(receipts)
                .as("receipts booked once each")
                .isEqualTo(count("select count(distinct receipt_id) from stock_receipt"));
        assertThat(count("select count(*) from customer_order where order_id like 'TN-%'"))
                .as("orders taken")
                .isEqualTo(ORDERS);
    }

    private static void assertCasesInTheirRightState() {
        assertThat(count("select count(*) from backorder_case where sku in (" + suppliedSkus()
                        + ") and status <> 'FULFILLED'"))
                .as("cases of fully supplied SKUs that did not ship")
                .isZero();
        assertThat(count("select count(*) from backorder_case c join backorder_demand d on d.case_id = c.case_id "
                        + "where c.status = 'FULFILLED' and d.quantity_allocated <> d.quantity_short"))
                .as("shipped cases without all their units")
                .isZero();
        List<String> open = db.queryForList("select case_id from backorder_case where status = 'OPEN'", String.class);
        assertThat(open).as("cases of half-supplied SKUs still waiting").isNotEmpty();
        for (String caseId : open) {
            assertThat(count("""
                    select count(*) from act_ru_execution e join act_ru_execution p on p.id_ = e.proc_inst_id_
                    where p.business_key_ = ? and e.act_id_ = 'Event_MaxWaitReached'""", caseId)).as("%s waits for stock", caseId).isEqualTo(1);
        }
        for (String caseId :
                db.queryForList("select case_id from backorder_case where status <> 'OPEN'", String.class)) {
            assertThat(count("select count(*) from act_ru_execution where business_key_ = ?", caseId))
                    .as("%s has ended its process", caseId)
                    .isZero();
        }
        assertThat(count("select count(*) from backorder_case"))
                .as("one case per short line")
                .isEqualTo(count("select count(*) from order_line where case_id is not null"));
    }

    /**
     * Every email that reached the SMTP server is in the log, and every email the log shows as sent
     * reached it, each under its own Message-ID. A node killed between the server's acceptance and its
     * commit may have handed an email over twice with the same Message-ID, which the customer's mail
     * client shows once. An email still SENDING is one whose node died while handing it over and whose
     * case then moved on (its job was cancelled by the stock that arrived): the log keeps it, honestly
     * unconfirmed, and nothing sends it late.
     */
    private static void assertEachEmailArrivedUnderOneMessageId() {
        assertThat(db.queryForList("select distinct state from communication", String.class))
                .as("states in the communication log")
                .isSubsetOf("SENT", "SENDING");
        Set<String> logged = new HashSet<>(db.queryForList("select message_id from communication", String.class));
        assertThat(logged).as("one Message-ID per email").hasSize(count("select count(*) from communication"));
        Set<String> sent = new HashSet<>(
                db.queryForList("select message_id from communication where state = 'SENT'", String.class));
        Map<String, Integer> received = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            received.merge(Mailbox.messageId(message), 1, Integer::sum);
        }
        assertThat(logged)
                .as("every email the SMTP server received is in the log")
                .containsAll(received.keySet());
        assertThat(received.keySet())
                .as("every email logged as sent reached the SMTP server")
                .containsAll(sent);
        for (String caseId :
                db.queryForList("select case_id from backorder_case where status = 'FULFILLED'", String.class)) {
            assertThat(count("""
                    select count(*) from communication c where c.template = 'shipped' and c.state = 'SENT' and (c.case_id = ?
                    or exists (select 1 from communication_coverage v where v.communication_id = c.communication_id and v.case_id = ?))""", caseId, caseId))
                    .as("%s: ship notices sent", caseId)
                    .isEqualTo(1);
        }
        // in this workload only arriving stock cancels an email's job, and it ends the case
        assertThat(count("""
                select count(*) from communication c join backorder_case b on b.case_id = c.case_id
                where c.state = 'SENDING' and b.status = 'OPEN'""")).as("unconfirmed emails of cases still open").isZero();
        long twice = received.values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "two nodes: %d emails, %d handed to the SMTP server twice under one Message-ID, %d left unconfirmed%n",
                logged.size(), twice, logged.size() - sent.size());
    }

    /**
     * Every outcome in the feed reached the webhook receiver, though it refused every call for the first half
     * and node B died with calls in hand: at least once, and for each case in feed order (a repeat is the
     * same event again, after a call whose answer the dead node never saved).
     */
    private static void assertEveryOutcomePushedInOrderPerCase() throws Exception {
        ObjectMapper json = new ObjectMapper();
        await("every outcome in the feed pushed")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> count("select count(*) from case_outcome where position is null") == 0
                        && count("select count(*) from webhook_delivery where state <> 'DELIVERED'") == 0
                        && received().containsAll(db.queryForList("select event_id from case_outcome", String.class)));
        assertThat(receiver.refused())
                .as("calls refused while the receiver was down")
                .isNotEmpty();
        Map<String, List<Long>> positionsByCase = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (WebhookReceiver.Call call : receiver.accepted()) {
            if (seen.add(call.eventId())) {
                JsonNode event = json.readTree(call.body());
                positionsByCase
                        .computeIfAbsent(event.path("caseId").asText(), c -> new ArrayList<>())
                        .add(event.path("position").asLong());
            }
        }
        positionsByCase.forEach((caseId, positions) ->
                assertThat(positions).as("%s: outcomes in feed order", caseId).isSorted());
        System.out.printf(
                "two nodes: %d outcomes pushed, %d calls refused while down, %d pushed twice%n",
                seen.size(), receiver.refused().size(), receiver.accepted().size() - seen.size());
    }

    private static Set<String> received() {
        Set<String> ids = new HashSet<>();
        receiver.accepted().forEach(call -> ids.add(call.eventId()));
        return ids;
    }

    // --- set-up ----------------------------------------------------------------------------------------

    /** The administrator subscribes the order system's endpoint, which answers 503 for now. */
    private static void subscribeReceiver() throws Exception {
        receiver = WebhookReceiver.start();
        receiver.answer(503);
        HttpResponse<String> subscribed = nodeA.send(
                "POST",
                "/api/admin/webhooks",
                "{\"url\": \"%s\", \"description\": \"two nodes\"}".formatted(receiver.url()),
                "admin",
                ADMIN_PASSWORD);
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
    }

    /** The order system's technical user, created as an operator would: through the engine's REST API. */
    private static void createOrderSystemUser() throws Exception {
        HttpResponse<String> user = nodeA.send(
                "POST", "/engine-rest/user/create", """
                {"profile": {"id": "%s", "firstName": "Two", "lastName": "Nodes", "email": "shop@example.com"},
                 "credentials": {"password": "%s"}}""".formatted(SHOP, SHOP_PASSWORD), "admin", ADMIN_PASSWORD);
        assertThat(user.statusCode()).as(user.body()).isEqualTo(204);
        HttpResponse<String> membership =
                nodeA.send("PUT", "/engine-rest/group/ordersystems/members/" + SHOP, null, "admin", ADMIN_PASSWORD);
        assertThat(membership.statusCode()).as(membership.body()).isEqualTo(204);
        HttpResponse<String> key = nodeA.send(
                "POST",
                "/api/admin/api-keys",
                "{\"userId\": \"%s\", \"label\": \"two nodes\"}".formatted(SHOP),
                "admin",
                ADMIN_PASSWORD);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
        shopKey = new ObjectMapper().readTree(key.body()).path("key").asText();
    }

    private static void createCatalog() {
        db.update(
                "insert into supplier (supplier_id, name, lead_time_days) values ('TN-SUP', 'Two Nodes Supplier', 20)");
        db.update("""
                insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                values ('TN-STOCK', 'In stock', 'TN-STOCK', 5.00, 'TN-SUP', 100000, null)""");
        for (int i = 0; i < SKUS; i++) {
            // its own category: no alternatives, so no case waits for an agent's review
            db.update("""
                    insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                    values (?, ?, ?, 12.50, 'TN-SUP', 0, 100000)""", sku(i), "Item " + i, sku(i));
        }
    }

    private static String sku(int i) {
        return "TN-SKU-" + i;
    }

    private static String suppliedSkus() {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < FULLY_SUPPLIED; i++) {
            skus.add("'" + sku(i) + "'");
        }
        return String.join(", ", skus);
    }

    private static int count(String sql, Object... args) {
        Integer value = db.queryForObject(sql, Integer.class, args);
        return value == null ? 0 : value;
    }
}
