package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.RawHttp;
import io.backorderengine.support.TestUsers;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * Strangers cannot lock an order system out of intake: its technical user authenticates with an API key,
 * checked without the engine's per-user lock-out, and an address that keeps failing is throttled (429)
 * while every other address carries on. People keep the engine's lock-out.
 */
class MachineClientLockoutTests extends ApplicationTest {

    /** Another machine, as far as the server can tell. */
    private static final String ATTACKER = "127.0.0.2";

    @LocalServerPort
    int port;

    @Value("${backorder.security.failed-logins-per-minute}")
    int failuresPerMinute;

    @Test
    void wrongKeysFromAStrangerNeitherLockTheOrderSystemOutNorGoOnForever() {
        RawHttp stranger = new RawHttp(ATTACKER, port);
        String sku = catalog.product(100);
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;

        for (int i = 0; i < failuresPerMinute + 60; i++) {
            RawHttp.Response response = stranger.post("/api/orders", TestUsers.SHOP, "guess-" + i, order(sku));
            statuses.add(response.status());
            if (response.status() == 429) {
                retryAfter = response.headers().get("retry-after");
            }
            if (i % 50 == 0) {
                // the real order system, from its own address, all along
                assertThat(api.placeOrder(Catalog.unique("LOCK"), "STANDARD", new Api.Line("1", sku, 1))
                                .status())
                        .isEqualTo(201);
            }
        }

        // a minute's failures, then nothing more until the minute is over
        assertThat(statuses.subList(0, failuresPerMinute)).containsOnly(401);
        assertThat(statuses.subList(failuresPerMinute, statuses.size())).containsOnly(429);
        assertThat(Long.parseLong(retryAfter)).isPositive();
        assertThat(api.placeOrder(Catalog.unique("LOCK"), "STANDARD", new Api.Line("1", sku, 1))
                        .status())
                .isEqualTo(201);
        // the throttled address is refused even with the right key, without its credentials being checked
        assertThat(stranger.post("/api/orders", TestUsers.SHOP, TestUsers.password(TestUsers.SHOP), order(sku))
                        .status())
                .isEqualTo(429);
    }

    @Test
    void aPersonIsStillLockedOutByTheEngineAfterAWrongPasswordButTheOrderSystemIsNot() {
        String person = "lockout" + Catalog.unique("p").substring(2);
        User user = processEngine.getIdentityService().newUser(person);
        user.setPassword("right-password-123");
        processEngine.getIdentityService().saveUser(user);
        processEngine.getIdentityService().createMembership(person, "agents");

        assertThat(api.withCredentials(person, "wrong")
                        .get("/api/backorders/none")
                        .status())
                .isEqualTo(401);
        assertThat(api.withCredentials(person, "right-password-123")
                        .get("/api/backorders/none")
                        .status())
                .as("the engine locks the person out for a few seconds after a failure")
                .isEqualTo(401);

        assertThat(api.withCredentials(TestUsers.SHOP, "wrong-key")
                        .get("/api/backorders/none")
                        .status())
                .isEqualTo(401);
        assertThat(api.get("/api/backorders/none").status())
                .as("the order system is not locked out")
                .isEqualTo(404);
    }

    @Test
    void anAdministratorIssuesAndRevokesKeysForOrderSystemsOnly() {
        String system = "erp" + Catalog.unique("x").substring(2);
        User user = processEngine.getIdentityService().newUser(system);
        user.setPassword(UUID.randomUUID().toString());
        processEngine.getIdentityService().saveUser(user);
        processEngine.getIdentityService().createMembership(system, "ordersystems");
        Api admin = api.as(TestUsers.ADMIN);

        Api.Response issued = admin.post("/api/admin/api-keys", Map.of("userId", system, "label", "ERP production"));
        Api.Response forAPerson = admin.post("/api/admin/api-keys", Map.of("userId", TestUsers.AGENT));
        Api.Response byAnAgent = api.as(TestUsers.AGENT).post("/api/admin/api-keys", Map.of("userId", system));

        assertThat(issued.status()).isEqualTo(201);
        String key = issued.body().path("key").asText();
        assertThat(key).startsWith("bo_").hasSizeGreaterThan(40);
        assertThat(forAPerson.status()).isEqualTo(400);
        assertThat(byAnAgent.status()).isEqualTo(403);
        assertThat(catalog.count("select count(*) from api_key where key_hash like ?", "%" + key + "%"))
                .isZero();
        assertThat(api.withCredentials(system, key).get("/api/backorders/none").status())
                .isEqualTo(404);
        assertThat(admin.get("/api/admin/api-keys?userId=" + system).body().toString())
                .doesNotContain(key);

        Api.Response revoked = admin.exchange(
                HttpMethod.DELETE,
                "/api/admin/api-keys/" + issued.body().path("keyId").asText(),
                null,
                MediaType.APPLICATION_JSON);

        assertThat(revoked.status()).isEqualTo(200);
        assertThat(api.withCredentials(system, key).get("/api/backorders/none").status())
                .isEqualTo(401);
    }

    private static String order(String sku) {
        return """
                {"orderId":"%s","customer":{"id":"C","name":"N","email":"n@example.com","tier":"STANDARD"},
                 "lines":[{"lineId":"1","sku":"%s","quantity":1}]}""".formatted(Catalog.unique("ATT"), sku);
    }
}
