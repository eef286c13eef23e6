package io.backorderengine.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.EventProbe;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.PageClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One email per event per order, the communication log, and what happens when email does not
 * work: an outage is retried and ends in an incident that, once resolved, sends exactly once; an
 * address refused for good, a bounce, or no address at all gets the customer a call from an agent.
 */
class CommunicationTests extends ApplicationTest {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s/]+(/customer/decisions/[A-Za-z0-9_-]+)(?=\\s)");

    @LocalServerPort
    int serverPort;

    @Autowired
    JavaMailSenderImpl mailSender;

    @Autowired
    EventProbe probe;

    @Test
    void anOrderWithThreeShortLinesGetsOneNoticeListingAllThree() throws Exception {
        String tent = catalog.product("Tent", "100.00", 0, 5);
        String stove = catalog.product("Stove", "50.00", 0, 5);
        String lamp = catalog.product("Lamp", "20.00", 0, 5);
        String orderId = Catalog.unique("ORD");
        String email = "customer-" + orderId + "@example.com";

        api.placeOrder(
                orderId,
                "STANDARD",
                new Api.Line("1", tent, 1),
                new Api.Line("2", stove, 2),
                new Api.Line("3", lamp, 3));

        MimeMessage notice = Mailbox.awaitCount(SMTP, email, 1).get(0);
        await().until(() -> List.of("1", "2", "3").stream()
                .allMatch(line ->
                        api.backorder(orderId + "-" + line).path("emails").size() == 1));
        assertThat(notice.getSubject()).contains("3 items are on backorder");
        assertThat(Mailbox.text(notice)).contains("1 x Tent", "2 x Stove", "3 x Lamp");
        for (String line : List.of("1", "2", "3")) {
            assertThat(api.backorder(orderId + "-" + line)
                            .path("emails")
                            .get(0)
                            .path("messageId")
                            .asText())
                    .isEqualTo(notice.getMessageID());
        }
        JsonNode log = api.get("/api/orders/" + orderId + "/communications").body();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).path("state").asText()).isEqualTo("SENT");
        assertThat(log.get(0).path("language").asText()).isEqualTo("en");
        assertThat(log.get(0).path("recipient").asText()).isEqualTo(email);
        assertThat(Mailbox.to(SMTP, email)).hasSize(1);
    }

    @Test
    void aSmallDateChangeIsRecordedButOnlyAChangeBeyondTheThresholdIsMailed() {
        String sku = catalog.product("Canoe", "300.00", 0, 20);
        String poId = Catalog.unique("PO");
        catalog.purchaseOrder(poId, sku, 5, catalog.today().plusDays(5));
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 1));
        await().until(() -> api.backorder(caseId).path("emails").size() == 1);

        movePurchaseOrder(poId, sku, catalog.today().plusDays(6));
        await().until(() -> api.backorder(caseId).path("promises").size() == 2);
        movePurchaseOrder(poId, sku, catalog.today().plusDays(8));
        await().until(() -> api.backorder(caseId).path("promises").size() == 3);

        await().until(() -> api.backorder(caseId).path("emails").size() == 2);
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("emails").findValuesAsText("template"))
                .containsExactly("backorder-notice", "date-changed");
        assertThat(view.path("timeline").findValuesAsText("detail")).anyMatch(d -> d.contains("customer not told"));
        MimeMessage changed = Mailbox.awaitCount(SMTP, "customer-" + orderId + "@example.com", 2)
                .get(1);
        assertThat(Mailbox.text(changed)).contains("1 x Canoe: ", "->");
    }

    @Test
    void aCustomerWithoutEmailIsCalledByAnAgent() {
        String orderId = Catalog.unique("ORD");
        Map<String, Object> order = Api.phoneOnlyOrder(
                orderId, "Phone Customer", "+49 30 1234567", new Api.Line("1", catalog.product(0), 1));

        assertThat(api.post("/api/orders", order).status()).isEqualTo(201);

        String caseId = orderId + "-1";
        await().until(() -> contactTaskReason(caseId) != null);
        assertThat(contactTaskReason(caseId)).isEqualTo("the customer has no email address");
        JsonNode email = api.backorder(caseId).path("emails").get(0);
        assertThat(email.path("state").asText()).isEqualTo("UNDELIVERABLE");
        assertThat(email.path("failure").asText()).isEqualTo("the customer has no email address");
    }

    @Test
    void aBounceReportedByTheMailProviderLeadsToACallOnce() {
        // a provider reports a bounce of a message the mail server accepted: once it is SENT, not while SENDING
        String caseId = caseWithNoticeSent("ORD");
        String messageId =
                api.backorder(caseId).path("emails").get(0).path("messageId").asText();

        Api.Response bounce = api.post(
                "/api/notifications/bounces", Map.of("messageId", messageId, "reason", "550 mailbox unavailable"));
        Api.Response again = api.post(
                "/api/notifications/bounces", Map.of("messageId", messageId, "reason", "550 mailbox unavailable"));
        Api.Response unknown = api.post("/api/notifications/bounces", Map.of("messageId", "<nobody@example.com>"));

        assertThat(bounce.status()).isEqualTo(202);
        assertThat(bounce.body().path("state").asText()).isEqualTo("BOUNCED");
        assertThat(again.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(404);
        await().until(() -> contactTaskReason(caseId) != null);
        assertThat(contactTaskReason(caseId)).contains("bounced", "550 mailbox unavailable");
        await().until(() ->
                catalog.count("select count(*) from case_message where case_id = ? and delivered_at is null", caseId)
                        == 0);
        assertThat(processEngine
                        .getTaskService()
                        .createTaskQuery()
                        .processInstanceBusinessKey(caseId)
                        .taskDefinitionKey("UserTask_ContactCustomer")
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anAddressTheServerRefusesForGoodIsNotRetriedAndLeadsToACall() throws Exception {
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        try (RefusingSmtpServer refusing = new RefusingSmtpServer()) {
            int port = mailSender.getPort();
            mailSender.setPort(refusing.port());
            try {
                api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1));
                // recorded SENDING first, then the server's refusal
                await().until(() -> !api.backorder(caseId)
                        .path("emails")
                        .path(0)
                        .path("state")
                        .asText("SENDING")
                        .equals("SENDING"));
            } finally {
                mailSender.setPort(port);
            }
        }

        JsonNode email = api.backorder(caseId).path("emails").get(0);
        assertThat(email.path("state").asText()).isEqualTo("UNDELIVERABLE");
        assertThat(email.path("failure").asText()).contains("refused", "550");
        await().until(() -> contactTaskReason(caseId) != null);
        assertThat(processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instanceId(caseId))
                        .withException()
                        .count())
                .isZero();
    }

    @Autowired
    MeterRegistry metrics;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void anEmailLeftSendingByANodeThatStoppedBecomesFailedAndIsCounted() {
        String caseId = caseWithNoticeSent("ORD");
        double stalledBefore = metrics.get("backorder.emails.stalled").counter().count();
        // as a node leaves it that died after recording the email and before the server's answer
        int updated = jdbc.sql("""
                        update communication set state = 'SENDING', sent_at = null, attempted_at = ?
                        where case_id = ?""")
                .params(LocalDateTime.now(clock).minusMinutes(10), caseId)
                .update();
        assertThat(updated).isEqualTo(1);

        await("the sweep finds it")
                .until(() -> api.backorder(caseId)
                        .path("emails")
                        .path(0)
                        .path("state")
                        .asText()
                        .equals("FAILED"));

        assertThat(api.backorder(caseId).path("emails").path(0).path("failure").asText())
                .contains("node sending it stopped");
        assertThat(metrics.get("backorder.emails.stalled").counter().count()).isGreaterThan(stalledBefore);
        assertThat(metrics.get("backorder.emails.failed").gauge().value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anSmtpOutageIsRetriedThenAnIncidentWhichOnceResolvedSendsExactlyOneEmail() throws Exception {
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        String email = "customer-" + orderId + "@example.com";
        int port = mailSender.getPort();
        Incident incident;
        try (ServerSocket closed = new ServerSocket(0)) {
            // a port nobody answers on: the SMTP server is down
            int down = closed.getLocalPort();
            closed.close();
            mailSender.setPort(down);
            api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1));
            String instance = instanceId(caseId);
            await().until(() -> processEngine
                            .getRuntimeService()
                            .createIncidentQuery()
                            .processInstanceId(instance)
                            .count()
                    == 1);
            incident = processEngine
                    .getRuntimeService()
                    .createIncidentQuery()
                    .processInstanceId(instance)
                    .singleResult();
            assertThat(incident.getActivityId()).isEqualTo("Task_SendBackorderNotice");
            assertThat(Mailbox.to(SMTP, email)).isEmpty();
            // agents see the email failed, and why; it waits to go out
            assertThat(api.backorder(caseId).path("emails").findValuesAsText("state"))
                    .containsExactly("FAILED");
            assertThat(api.backorder(caseId)
                            .path("emails")
                            .path(0)
                            .path("failure")
                            .asText())
                    .containsIgnoringCase("refused");
        } finally {
            mailSender.setPort(port);
        }

        // what an operator does in Cockpit: give the failed job another try
        processEngine.getManagementService().setJobRetries(incident.getConfiguration(), 1);

        MimeMessage sent = Mailbox.awaitCount(SMTP, email, 1).get(0);
        await().until(() -> processEngine
                        .getRuntimeService()
                        .createIncidentQuery()
                        .incidentId(incident.getId())
                        .count()
                == 0);
        await().until(() -> api.backorder(caseId)
                .path("emails")
                .path(0)
                .path("state")
                .asText()
                .equals("SENT"));
        assertThat(api.backorder(caseId).path("emails")).hasSize(1);
        assertThat(api.backorder(caseId).path("emails").get(0).path("messageId").asText())
                .isEqualTo(sent.getMessageID());
        // the email written before the outage went out as it was: its decision link works
        Matcher link = LINK.matcher(Mailbox.text(sent));
        assertThat(link.find()).as("a decision link in the email").isTrue();
        PageClient.Page page = new PageClient().get("http://localhost:" + serverPort + link.group(1));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Your backorder", "Order " + orderId);
        Job next = processEngine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instanceId(caseId))
                .messages()
                .singleResult();
        assertThat(next).isNull();
        assertThat(Mailbox.to(SMTP, email)).hasSize(1);
    }

    @Test
    void aSendJobThatFailsAfterTheServerAcceptedTheEmailDoesNotSendItAgain() throws Exception {
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        String email = "customer-" + orderId + "@example.com";
        // the job fails after the SMTP server took the email (as a crash before the commit would)
        probe.once(EmailSent.class, sent -> sent.orderId().equals(orderId), sent -> {
            throw new IllegalStateException("the job fails after sending");
        });

        api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1));

        String instance = instanceId(caseId);
        await().until(() -> processEngine
                        .getHistoryService()
                        .createHistoricJobLogQuery()
                        .processInstanceId(instance)
                        .failureLog()
                        .count()
                == 1);
        awaitWaiting(caseId);
        MimeMessage sent = Mailbox.awaitCount(SMTP, email, 1).get(0);
        assertThat(Mailbox.to(SMTP, email)).hasSize(1);
        assertThat(api.backorder(caseId).path("emails")).hasSize(1);
        assertThat(api.backorder(caseId).path("emails").get(0).path("messageId").asText())
                .isEqualTo(sent.getMessageID());
        // the case's timeline shows the email once, though the job that wrote it failed and ran again
        assertThat(api.backorder(caseId).path("timeline").findValuesAsText("kind"))
                .containsOnlyOnce("EMAIL");
    }

    // -- helpers -----------------------------------------------------------------------------------

    private String contactTaskReason(String caseId) {
        var task = openTasks(caseId, "UserTask_ContactCustomer").stream()
                .findFirst()
                .orElse(null);
        return task == null ? null : (String) processEngine.getTaskService().getVariable(task.getId(), "contactReason");
    }

    private void movePurchaseOrder(String poId, String sku, LocalDate date) {
        assertThat(api.put(
                                "/api/inventory/purchase-orders/" + poId,
                                Map.of(
                                        "purchaseOrderId",
                                        poId,
                                        "sku",
                                        sku,
                                        "supplierId",
                                        catalog.supplierOf(sku),
                                        "quantity",
                                        5,
                                        "expectedDate",
                                        date.toString()))
                        .status())
                .isEqualTo(200);
    }

    /** A mail server that refuses every recipient for good (550), as one does for unknown mailboxes. */
    static final class RefusingSmtpServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0);
        private final Thread thread = new Thread(this::serve, "refusing-smtp");

        RefusingSmtpServer() throws IOException {
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept();
                        var in = new BufferedReader(
                                new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                        var out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.US_ASCII)) {
                    out.print("220 refusing.example ESMTP\r\n");
                    out.flush();
                    for (String line; (line = in.readLine()) != null; ) {
                        String command = line.toUpperCase();
                        String reply = command.startsWith("EHLO") || command.startsWith("HELO")
                                ? "250 refusing.example"
                                : command.startsWith("MAIL")
                                        ? "250 OK"
                                        : command.startsWith("RCPT")
                                                ? "550 5.1.1 mailbox unavailable"
                                                : command.startsWith("QUIT")
                                                        ? "221 bye"
                                                        : command.startsWith("RSET") || command.startsWith("NOOP")
                                                                ? "250 OK"
                                                                : "503 bad sequence";
                        out.print(reply + "\r\n");
                        out.flush();
                        if (command.startsWith("QUIT")) {
                            break;
                        }
                    }
                } catch (IOException closedOrGone) {
                    // the test is over, or the client left
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
