package io.backorderengine.backorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Mailbox;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The case desk's actions over HTTP, per role: agents and supervisors note, correct the address, resend
 * the last email and cancel with a reason; supervisors raise priority; everyone else is refused and
 * changes nothing. Each action is a step of the timeline under the caller's name. Root causes: derived
 * from the case's facts when it ends badly, or named by the agent who cancels.
 */
class CaseDeskTests extends ApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anAgentsNoteIsInTheTimelineUnderTheirName() {
        String caseId = placedCase("DESK", "STANDARD", catalog.product(0), 1);

        var noted = api.as(TestUsers.AGENT)
                .post("/api/backorders/" + caseId + "/notes", Map.of("text", "Customer called, will wait."));

        assertThat(noted.status()).isEqualTo(200);
        JsonNode note = last(noted.body().path("timeline"), "NOTE");
        assertThat(note.path("actor").asText()).isEqualTo(TestUsers.AGENT);
        assertThat(note.path("detail").asText()).isEqualTo("Customer called, will wait.");
        assertThat(api.as(TestUsers.SUPERVISOR)
                        .post("/api/backorders/" + caseId + "/notes", Map.of("text", "Seen."))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void badOrForbiddenActionsAreRefusedAndChangeNothing() {
        String caseId = waitingCase(catalog.product(0), 1);
        String path = "/api/backorders/" + caseId;

        var blank = api.as(TestUsers.AGENT).post(path + "/notes", Map.of("text", "  "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.body().toString()).contains("text");
        var notAnAddress = api.as(TestUsers.AGENT).put(path + "/customer-email", Map.of("email", "not-an-address"));
        assertThat(notAnAddress.status()).isEqualTo(400);
        assertThat(notAnAddress.body().toString()).contains("email");
        var noReason = api.as(TestUsers.AGENT).post(path + "/cancellation", Map.of("cause", "OTHER"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().toString()).contains("reason");
        var unknownCause = api.as(TestUsers.AGENT)
                .post(path + "/cancellation", Map.of("reason", "No longer needed", "cause", "GREMLINS"));
        assertThat(unknownCause.status()).isEqualTo(400);
        // roles that have no business here
        for (String user : List.of(TestUsers.ANALYST, TestUsers.SHOP)) {
            Api as = user.equals(TestUsers.SHOP) ? api : api.as(user);
            assertThat(as.post(path + "/notes", Map.of("text", "hello")).status())
                    .as(user)
                    .isEqualTo(403);
            assertThat(as.put(path + "/customer-email", Map.of("email", "x@example.com"))
                            .status())
                    .isEqualTo(403);
            assertThat(as.post(path + "/emails/resend", Map.of()).status()).isEqualTo(403);
            assertThat(as.post(path + "/cancellation", Map.of("reason", "because"))
                            .status())
                    .isEqualTo(403);
        }
        assertThat(api.as(TestUsers.AGENT)
                        .put(path + "/priority", Map.of("priority", 9))
                        .status())
                .as("raising priority is a supervisor's")
                .isEqualTo(403);
        assertThat(api.anonymous()
                        .post(path + "/notes", Map.of("text", "hello"))
                        .status())
                .isEqualTo(401);

        JsonNode after = api.backorder(caseId);
        assertThat(after.path("timeline").findValuesAsText("kind"))
                .doesNotContain("NOTE", "EMAIL_CORRECTED", "EMAIL_RESENT", "PRIORITIZED", "DECIDED", "CAUSE_RECORDED");
        assertThat(after.path("status").asText()).isEqualTo("OPEN");
        assertThat(after.path("priority").asInt()).isZero();
        assertThat(after.path("customer").path("email").asText()).startsWith("customer-");
    }

    @Test
    void aCorrectedAddressGetsTheLastEmailOnceHoweverOftenAsked() {
        String caseId = caseWithNoticeSent("DESK");
        String corrected = Catalog.unique("right") + "@example.com";

        var changed = api.as(TestUsers.AGENT)
                .put("/api/backorders/" + caseId + "/customer-email", Map.of("email", corrected));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("customer").path("email").asText()).isEqualTo(corrected);
        assertThat(last(changed.body().path("timeline"), "EMAIL_CORRECTED")
                        .path("detail")
                        .asText())
                .endsWith("to " + corrected);

        var resent = api.as(TestUsers.AGENT).post("/api/backorders/" + caseId + "/emails/resend", Map.of());
        assertThat(resent.status()).isEqualTo(200);
        assertThat(resent.body().path("again").asBoolean()).isTrue();
        assertThat(resent.body().path("email").path("state").asText()).isEqualTo("SENT");
        assertThat(Mailbox.subject(Mailbox.awaitCount(SMTP, corrected, 1).get(0)))
                .isNotBlank();

        var twice = api.as(TestUsers.SUPERVISOR).post("/api/backorders/" + caseId + "/emails/resend", Map.of());
        assertThat(twice.status()).isEqualTo(200);
        assertThat(twice.body().path("again").asBoolean())
                .as("already sent there")
                .isFalse();
        assertThat(Mailbox.to(SMTP, corrected)).hasSize(1);
        JsonNode timeline = api.backorder(caseId).path("timeline");
        assertThat(last(timeline, "EMAIL_RESENT").path("actor").asText()).isEqualTo(TestUsers.AGENT);
        assertThat(timeline.findValuesAsText("kind").stream()
                        .filter("EMAIL_RESENT"::equals)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void anAgentCancelsWithTheCustomersReasonAndNamesTheCause() {
        String caseId = caseWithNoticeSent("DESK");

        var cancelled = api.as(TestUsers.AGENT)
                .post(
                        "/api/backorders/" + caseId + "/cancellation",
                        Map.of("reason", "Bought it in a shop", "cause", "CUSTOMER_CHOICE"));

        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body().path("channel").asText()).isEqualTo("AGENT");
        await().until(() -> api.status(caseId).equals("CANCELLED"));
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("closeReason").asText()).isEqualTo("Bought it in a shop");
        assertThat(view.path("rootCause").asText()).isEqualTo("CUSTOMER_CHOICE");
        assertThat(last(view.path("timeline"), "CAUSE_RECORDED").path("actor").asText())
                .isEqualTo(TestUsers.AGENT);
        var again =
                api.as(TestUsers.AGENT).post("/api/backorders/" + caseId + "/cancellation", Map.of("reason", "again"));
        assertThat(again.status()).as("a closed case").isEqualTo(409);
    }

    @Test
    void aSupervisorRaisesPriorityAndCancelsAsSupervisor() {
        String caseId = placedCase("DESK", "STANDARD", catalog.product(0), 1);

        var raised = api.as(TestUsers.SUPERVISOR).put("/api/backorders/" + caseId + "/priority", Map.of("priority", 7));
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.body().path("priority").asInt()).isEqualTo(7);
        var cancelled = api.as(TestUsers.SUPERVISOR)
                .post("/api/backorders/" + caseId + "/cancellation", Map.of("reason", "Discontinued"));
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body().path("channel").asText()).isEqualTo("SUPERVISOR");
        await().until(() -> api.status(caseId).equals("CANCELLED"));
    }

    @Test
    void aCaseCancelledWithNothingOnOrderRecordsThatNoSupplyWasOrdered() {
        String caseId = waitingCase(catalog.product(0), 1);

        api.decide(caseId, "cancel", null);

        await().until(() -> api.backorder(caseId).path("rootCause").asText().equals("NO_SUPPLY_ORDERED"));
        assertThat(last(api.backorder(caseId).path("timeline"), "CAUSE_RECORDED")
                        .path("detail")
                        .asText())
                .isEqualTo("NO_SUPPLY_ORDERED (derived)");
    }

    @Test
    void aCaseWhosePurchaseOrderSlippedRecordsTheSupplierSlip() {
        String sku = catalog.product(0);
        String po = Catalog.unique("PO");
        LocalDate today = catalog.today();
        assertThat(savePurchaseOrder(po, sku, 5, today.plusDays(3)).status()).isEqualTo(201);
        String caseId = waitingCase(sku, 1);
        assertThat(savePurchaseOrder(po, sku, 5, today.plusDays(20)).status()).isEqualTo(200);
        await().until(() -> api.backorder(caseId).path("promises").size() == 2);

        api.decide(caseId, "cancel", null);

        await().until(() -> api.backorder(caseId).path("rootCause").asText().equals("SUPPLIER_SLIP"));
    }

    @Test
    void aCaseFulfilledAfterItsFirstPromisedDateRecordsTheSupplierSlipAndOneInTimeNoCause() {
        String sku = catalog.product(0);
        LocalDate today = catalog.today();
        assertThat(savePurchaseOrder(Catalog.unique("PO"), sku, 5, today.plusDays(3))
                        .status())
                .isEqualTo(201);
        String late = waitingCase(sku, 1);
        String inTime = waitingCase(sku, 1);
        // the late case's first promised day has passed (the case row keeps it beside its promises)
        LocalDate yesterday = today.minusDays(1);
        jdbc.update("update case_promise set expected_date = ? where case_id = ?", yesterday, late);
        jdbc.update("update backorder_case set first_promised_date = ? where case_id = ?", yesterday, late);

        api.receive(Catalog.unique("RCPT"), sku, 2);

        await().until(() ->
                api.status(late).equals("FULFILLED") && api.status(inTime).equals("FULFILLED"));
        assertThat(api.backorder(late).path("rootCause").asText()).isEqualTo("SUPPLIER_SLIP");
        assertThat(api.backorder(inTime).path("rootCause").textValue()).isNull();
    }

    @Test
    void aStockCountThatFoundTheFigureWrongIsADataError() {
        String sku = catalog.product(0);
        String caseId = waitingCase(sku, 2);
        assertThat(api.put(
                                "/api/inventory/stock-changes",
                                List.of(Map.of("changeId", Catalog.unique("COUNT"), "sku", sku, "countedOnHand", 1)))
                        .status())
                .isEqualTo(200);

        api.decide(caseId, "cancel", null);

        await().until(() -> api.backorder(caseId).path("rootCause").asText().equals("DATA_ERROR"));
    }

    @Test
    void thePagesAskStrangersToSignInAndRefuseFormsWithoutTheirToken() throws Exception {
        String caseId = placedCase("DESK", "STANDARD", catalog.product(0), 1);
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://localhost:" + port;

        HttpResponse<String> desk = http.send(
                HttpRequest.newBuilder(URI.create(base + "/desk")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(desk.statusCode()).isEqualTo(302);
        assertThat(desk.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/desk/login"));
        HttpResponse<String> chartLibrary = http.send(
                HttpRequest.newBuilder(URI.create(base + "/webjars/uplot/dist/uPlot.iife.min.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chartLibrary.statusCode())
                .as("served to people signed in only")
                .isEqualTo(302);
        HttpResponse<String> login = http.send(
                HttpRequest.newBuilder(URI.create(base + "/desk/login")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'"));

        // a form posted from elsewhere, even with an agent's password: the desk takes no Basic credentials,
        // and without the page's CSRF token the post is refused
        String basic = Base64.getEncoder()
                .encodeToString(
                        (TestUsers.AGENT + ":" + TestUsers.password(TestUsers.AGENT)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> forged = http.send(
                HttpRequest.newBuilder(URI.create(base + "/desk/cases/" + caseId + "/notes"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("text=forged"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.backorder(caseId).path("timeline").findValuesAsText("kind"))
                .doesNotContain("NOTE");
    }

    private static JsonNode last(JsonNode timeline, String kind) {
        JsonNode found = null;
        for (JsonNode entry : timeline) {
            if (entry.path("kind").asText().equals(kind)) {
                found = entry;
            }
        }
        assertThat(found).as("a %s entry in %s", kind, timeline).isNotNull();
        return found;
    }
}
