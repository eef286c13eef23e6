package io.backorderengine.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.OutcomeType;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import io.backorderengine.support.WebhookReceiver;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An order system's webhook endpoint, a real HTTP server in this JVM, subscribed by an administrator
 * through the API: what it receives, how it checks the signature, and what happens while it is down or
 * refusing.
 */
class WebhookTests extends ApplicationTest {

    private static final String SECRET = "whsec_test-receiver-secret-0123456789";

    @Autowired
    ObjectMapper json;

    @Autowired
    Clock clock;

    Api admin;
    WebhookReceiver receiver;
    final List<String> subscribers = new ArrayList<>();

    @BeforeEach
    void receiver() throws Exception {
        admin = api.as(TestUsers.ADMIN);
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void unsubscribe() {
        subscribers.forEach(id -> admin.delete("/api/admin/webhooks/" + id));
        receiver.close();
    }

    @Test
    void everyCallIsSignedWithTheSubscribersSecretAndNoOther() throws Exception {
        subscribe(List.of("BACKORDERED"));
        String caseId = placedCase("HOOK", "STANDARD", catalog.product(0), 2);

        WebhookReceiver.Call call =
                await().until(() -> callsOf(caseId), calls -> !calls.isEmpty()).get(0);

        JsonNode event = json.readTree(call.body());
        assertThat(event.path("type").asText()).isEqualTo("BACKORDERED");
        assertThat(event.path("caseId").asText()).isEqualTo(caseId);
        assertThat(event.path("data").path("quantityShort").asInt()).isEqualTo(2);
        assertThat(call.eventId()).isEqualTo(event.path("eventId").asText());
        assertThat(call.attempt()).isEqualTo("1");
        // the receiver's checks, as the README shows them
        assertThat(call.signature()).isEqualTo("v1=" + hmac(SECRET, call.timestamp() + "." + call.body()));
        assertThat(call.signature()).isNotEqualTo("v1=" + hmac(SECRET + "x", call.timestamp() + "." + call.body()));
        assertThat(call.signature())
                .as("another body under the same timestamp")
                .isNotEqualTo("v1=" + hmac(SECRET, call.timestamp() + "." + call.body() + " "));
        assertThat(Long.parseLong(call.timestamp())).isCloseTo(clock.instant().getEpochSecond(), Offset.offset(60L));
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventOnceInOrderPerCaseAfterItComesBack() throws Exception {
        long cursor = feedEnd();
        // paused while the cases happen, so that every one of their events is waiting when the calls start
        Map<String, Object> paused = new HashMap<>(request(List.of()));
        paused.put("active", false);
        String subscriber = subscribe(paused);
        String sku = catalog.product("Kettle", "30.00", 2, 10);
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cases.add(placedCase("DOWN", "STANDARD", sku, 3)); // the first takes the 2 on hand
        }
        cases.forEach(this::awaitWaiting);
        purchaseOrdered(sku, 20, catalog.today().plusDays(4));
        api.receive(Catalog.unique("RCPT"), sku, 4);
        // every case re-promised to the purchase order's date; the receipt's 4 units ship the first two cases
        List<JsonNode> feed = await().until(
                        () -> ofCases(api.events(cursor, 1000), cases),
                        events -> count(events, "DATE_CHANGED") == 3 && count(events, "ALLOCATED") == 2);

        receiver.down();
        paused.put("active", true);
        assertThat(admin.put("/api/admin/webhooks/" + subscriber, paused).status())
                .isEqualTo(200);
        // the engine keeps trying while nobody answers
        await().until(
                        () -> admin.get("/api/admin/webhooks/" + subscriber + "/deliveries?state=PENDING")
                                .body()
                                .path("items"),
                        items -> items.findValues("attempts").stream().anyMatch(a -> a.asInt() >= 2));
        JsonNode failing = admin.get("/api/admin/webhooks/" + subscriber).body();
        assertThat(failing.path("deliveries").path("pending").asLong()).isEqualTo(feed.size());
        assertThat(failing.path("deliveries").path("lastFailure").path("error").asText())
                .contains("no connection");
        assertThat(receiver.accepted()).isEmpty();
        receiver.up();

        Map<String, JsonNode> received =
                await().until(() -> bodiesOf(cases), bodies -> bodies.keySet().equals(ids(feed)));
        assertThat(receiver.accepted().stream().filter(c -> isOf(c, cases)).map(WebhookReceiver.Call::eventId))
                .as("each event once")
                .doesNotHaveDuplicates()
                .hasSize(feed.size());
        assertThat(feed)
                .allSatisfy(
                        event -> assertThat(received.get(event.path("eventId").asText()))
                                .as("the webhook is the feed's event")
                                .isEqualTo(event));
        for (String caseId : cases) {
            assertThat(positionsReceived(caseId)).as("in order for " + caseId).isSorted();
        }
        assertThat(count(feed, "BACKORDERED")).isEqualTo(3);
    }

    @Test
    void aReceiverThatKeepsRefusingLeavesTheEventDeadForAnOperatorToRetry() throws Exception {
        receiver.answer(500);
        String subscriber = subscribe(List.of("BACKORDERED"));
        String caseId = placedCase("DEAD", "STANDARD", catalog.product(0), 1);

        JsonNode dead = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> admin.get("/api/admin/webhooks/" + subscriber + "/deliveries?state=DEAD")
                                .body()
                                .path("items"),
                        items -> items.size() == 1)
                .get(0);
        assertThat(dead.path("caseId").asText()).isEqualTo(caseId);
        assertThat(dead.path("attempts").asInt()).isEqualTo(8);
        assertThat(dead.path("lastStatus").asInt()).isEqualTo(500);
        assertThat(dead.path("lastError").asText()).isEqualTo("answered HTTP 500");
        assertThat(receiver.refused()).hasSize(8);
        assertThat(receiver.refused().stream().map(WebhookReceiver.Call::attempt))
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(admin.get("/api/admin/webhooks/" + subscriber)
                        .body()
                        .path("deliveries")
                        .path("dead")
                        .asLong())
                .isEqualTo(1);

        receiver.answer(200);
        Api.Response retried = admin.post("/api/admin/webhooks/" + subscriber + "/retries", "");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().path("requeued").asInt()).isEqualTo(1);

        await().until(() -> callsOf(caseId).size() == 1);
        JsonNode stats = await().until(
                        () -> admin.get("/api/admin/webhooks/" + subscriber)
                                .body()
                                .path("deliveries"),
                        d -> d.path("dead").asLong() == 0 && d.path("pending").asLong() == 0);
        assertThat(stats.path("lastDelivered").isNull()).isFalse();
    }

    @Test
    void aPausedSubscriberIsCalledWithWhatWaitedOnceResumedAndNotAfterRemoval() throws Exception {
        String subscriber = subscribe(List.of("BACKORDERED"));
        Map<String, Object> paused = new LinkedHashMap<>(request(List.of("BACKORDERED")));
        paused.put("active", false);
        paused.remove("secret");
        assertThat(admin.put("/api/admin/webhooks/" + subscriber, paused).status())
                .isEqualTo(200);
        String caseId = placedCase("PAUSE", "STANDARD", catalog.product(0), 1);
        await().until(() -> admin.get("/api/admin/webhooks/" + subscriber)
                        .body()
                        .path("deliveries")
                        .path("pending")
                        .asLong()
                == 1);
        assertThat(callsOf(caseId)).isEmpty();

        paused.put("active", true);
        admin.put("/api/admin/webhooks/" + subscriber, paused);
        WebhookReceiver.Call call =
                await().until(() -> callsOf(caseId), c -> c.size() == 1).get(0);
        assertThat(call.signature())
                .as("the secret was kept")
                .isEqualTo("v1=" + hmac(SECRET, call.timestamp() + "." + call.body()));

        assertThat(admin.delete("/api/admin/webhooks/" + subscriber).status()).isEqualTo(204);
        subscribers.remove(subscriber);
        assertThat(admin.get("/api/admin/webhooks/" + subscriber).status()).isEqualTo(404);
    }

    @Test
    void theSecretIsShownOnceAndAGeneratedOneIsStrong() {
        Map<String, Object> request = new HashMap<>(request(List.of()));
        request.remove("secret");
        Api.Response created = admin.post("/api/admin/webhooks", request);

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().path("subscriber").path("subscriberId").asText();
        subscribers.add(id);
        assertThat(created.headers().getLocation()).hasPath("/api/admin/webhooks/" + id);
        assertThat(created.body().path("secret").asText()).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(48);
        // none asked for: every type there is
        assertThat(created.body().path("subscriber").path("eventTypes")).hasSize(OutcomeType.values().length);
        String listed = admin.get("/api/admin/webhooks").body().toString();
        assertThat(listed)
                .contains(id)
                .doesNotContain(created.body().path("secret").asText());
        assertThat(admin.get("/api/admin/webhooks/" + id).body().has("secret")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "url|ftp://127.0.0.1/hooks|url",
                "url|http://user:pass@127.0.0.1/hooks|url",
                "url|/hooks/relative|url",
                "url|http://127.0.0.1/hooks#part|url",
                "url|http://exa mple.com/|url",
                "secret|too-short|secret",
                "secret|has a space in it and is long enough|secret",
                "eventTypes|NOT_A_TYPE|eventTypes",
                "description|bidi \u202e override|description"
            })
    void aBadSubscriberIsRefusedAndNothingIsRegistered(String field, String value, String named) {
        int before = admin.get("/api/admin/webhooks").body().size();
        Map<String, Object> request = new HashMap<>(request(List.of()));
        request.put(field, field.equals("eventTypes") ? List.of(value) : value);

        Api.Response refused = admin.post("/api/admin/webhooks", request);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.body().toString()).contains(named);
        assertThat(admin.get("/api/admin/webhooks").body()).hasSize(before);
    }

    @Test
    void anUnknownSubscriberIs404() {
        Api.Response missing = admin.get("/api/admin/webhooks/no-such-subscriber/deliveries");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().path("type").asText()).endsWith("subscriber-not-found");
        assertThat(admin.put("/api/admin/webhooks/no-such-subscriber", request(List.of()))
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete("/api/admin/webhooks/no-such-subscriber").status())
                .isEqualTo(404);
    }

    // -- helpers --------------------------------------------------------------------------------------

    private String subscribe(List<String> types) {
        return subscribe(request(types));
    }

    private String subscribe(Map<String, Object> request) {
        Api.Response created = admin.post("/api/admin/webhooks", request);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String id = created.body().path("subscriber").path("subscriberId").asText();
        subscribers.add(id);
        return id;
    }

    private Map<String, Object> request(List<String> types) {
        return Map.of("url", receiver.url(), "secret", SECRET, "eventTypes", types, "description", "test order system");
    }

    private List<WebhookReceiver.Call> callsOf(String caseId) {
        return receiver.accepted().stream()
                .filter(c -> isOf(c, List.of(caseId)))
                .toList();
    }

    private boolean isOf(WebhookReceiver.Call call, List<String> caseIds) {
        return caseIds.contains(read(call).path("caseId").asText());
    }

    private Map<String, JsonNode> bodiesOf(List<String> caseIds) {
        Map<String, JsonNode> bodies = new HashMap<>();
        receiver.accepted().stream().filter(c -> isOf(c, caseIds)).forEach(c -> bodies.put(c.eventId(), read(c)));
        return bodies;
    }

    private List<Long> positionsReceived(String caseId) {
        return callsOf(caseId).stream()
                .map(c -> read(c).path("position").asLong())
                .toList();
    }

    private static long count(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).count();
    }

    private static List<JsonNode> ofCases(List<JsonNode> events, List<String> caseIds) {
        Set<String> wanted = new HashSet<>(caseIds);
        return events.stream()
                .filter(e -> wanted.contains(e.path("caseId").asText()))
                .toList();
    }

    private static Set<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.path("eventId").asText()).collect(Collectors.toSet());
    }

    private long feedEnd() {
        List<JsonNode> all = api.events(0, 1000);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).path("position").asLong();
    }

    private JsonNode read(WebhookReceiver.Call call) {
        try {
            return json.readTree(call.body());
        } catch (Exception e) {
            throw new AssertionError("the webhook body is not JSON: " + call.body(), e);
        }
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
