package io.backorderengine.insight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The KPIs of a fixture of known cases ({@link KpiFixture}), each checked against the figure worked out
 * by hand from the fixture's rows. The formulas are the README's ("Insights").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    KpiFixture fixture;

    @BeforeAll
    void fixture() {
        fixture = new KpiFixture(jdbc).build();
    }

    private JsonNode insights(String query) {
        var response = api.as(TestUsers.ANALYST).get("/api/insights?from=2021-03-01&to=2021-03-31" + query);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    @Test
    void theMonthInTotal() {
        JsonNode total = insights("").path("total");

        // lines: 11 ordered in March (the April order is outside), 9 short (one refused by the cap);
        // 4 of 20 units reserved at once
        assertThat(total.path("linesOrdered").asLong()).isEqualTo(11);
        assertThat(total.path("shortLines").asLong()).isEqualTo(9);
        assertThat(total.path("backorderRate").asDouble()).isEqualTo(0.8182);
        assertThat(total.path("unitsOrdered").asLong()).isEqualTo(20);
        assertThat(total.path("unitsFilledAtIntake").asLong()).isEqualTo(4);
        assertThat(total.path("firstTimeFillRate").asDouble()).isEqualTo(0.2);
        // cases: 8 opened; 3 fulfilled, 1 switched, 3 cancelled, 1 open
        assertThat(total.path("casesOpened").asLong()).isEqualTo(8);
        assertThat(total.path("casesOpen").asLong()).isEqualTo(1);
        assertThat(total.path("fulfilled").asLong()).isEqualTo(3);
        assertThat(total.path("alternativeAccepted").asLong()).isEqualTo(1);
        assertThat(total.path("cancelled").asLong()).isEqualTo(3);
        // fulfilled after 10, 4.5 and 2 days: mean 5.5; p90 = 4.5 + 0.8 × (10 − 4.5) = 8.9
        assertThat(total.path("averageDaysOnBackorder").asDouble()).isEqualTo(5.5);
        assertThat(total.path("p90DaysOnBackorder").asDouble()).isEqualTo(8.9);
        // first promises missed by +1, −2 and 0 days: two kept, slip (1 − 2 + 0) / 3
        assertThat(total.path("promisesKept").asLong()).isEqualTo(2);
        assertThat(total.path("promisesKeptRate").asDouble()).isEqualTo(0.6667);
        assertThat(total.path("averagePromiseSlipDays").asDouble()).isEqualTo(-0.33);
        // 3 cancelled of 7 closed
        assertThat(total.path("cancellationRate").asDouble()).isEqualTo(0.4286);
        assertThat(total.path("cancellationReasons").toString())
                .isEqualTo("[{\"label\":\"Too long to wait\",\"cases\":2},"
                        + "{\"label\":\"Customer found it elsewhere\",\"cases\":1}]");
        // offers: 5 offered cases, 2 chose to wait; 2 offered an alternative, 1 took it; 2 offered a
        // discount, 1 of them waited
        JsonNode offers = total.path("offerAcceptance");
        assertThat(offers.path("waiting").toString()).isEqualTo("{\"offered\":5,\"accepted\":2,\"rate\":0.4}");
        assertThat(offers.path("alternative").toString()).isEqualTo("{\"offered\":2,\"accepted\":1,\"rate\":0.5}");
        assertThat(offers.path("discount").toString()).isEqualTo("{\"offered\":2,\"accepted\":1,\"rate\":0.5}");
        // two supplier slips recorded, two cancellations nobody explained, one line the cap refused
        assertThat(total.path("rootCauses").toString())
                .isEqualTo("[{\"label\":\"NOT_KNOWN\",\"cases\":2},{\"label\":\"SUPPLIER_SLIP\",\"cases\":2},"
                        + "{\"label\":\"CAP_REACHED\",\"cases\":1}]");
        // 9 emails accepted by the server (the failed one is not; the shared one counts for both lines)
        assertThat(total.path("emailsPerCase").asDouble()).isEqualTo(1.13);
    }

    @Test
    void perCategory() {
        JsonNode groups = insights("&groupBy=category").path("groups");
        JsonNode lamps = group(groups, fixture.lamps);
        JsonNode chairs = group(groups, fixture.chairs);

        assertThat(lamps.path("linesOrdered").asLong()).isEqualTo(6);
        assertThat(lamps.path("backorderRate").asDouble()).isEqualTo(0.8333);
        assertThat(lamps.path("firstTimeFillRate").asDouble()).isEqualTo(0.2727);
        assertThat(lamps.path("casesOpened").asLong()).isEqualTo(5);
        assertThat(lamps.path("cancellationRate").asDouble()).isEqualTo(0.2);
        assertThat(lamps.path("averageDaysOnBackorder").asDouble()).isEqualTo(5.5);
        assertThat(lamps.path("offerAcceptance").path("discount").toString())
                .isEqualTo("{\"offered\":1,\"accepted\":1,\"rate\":1.0}");
        assertThat(lamps.path("emailsPerCase").asDouble()).isEqualTo(1.4);
        // the April case is open now, whenever it opened
        assertThat(lamps.path("waitingNow").toString())
                .isEqualTo("[{\"label\":\"Waiting for stock or a decision\",\"cases\":1}]");

        assertThat(chairs.path("linesOrdered").asLong()).isEqualTo(5);
        assertThat(chairs.path("backorderRate").asDouble()).isEqualTo(0.8);
        assertThat(chairs.path("firstTimeFillRate").asDouble()).isEqualTo(0.1111);
        assertThat(chairs.path("cancellationRate").asDouble()).isEqualTo(1.0);
        assertThat(chairs.path("averageDaysOnBackorder").isNull())
                .as("no chair was fulfilled")
                .isTrue();
        assertThat(chairs.path("promisesKeptRate").isNull()).isTrue();
        assertThat(chairs.path("offerAcceptance").path("alternative").toString())
                .isEqualTo("{\"offered\":0,\"accepted\":0,\"rate\":null}");
        assertThat(chairs.path("emailsPerCase").asDouble()).isEqualTo(0.67);
        assertThat(chairs.path("cancellationReasons").toString())
                .isEqualTo("[{\"label\":\"Customer found it elsewhere\",\"cases\":1},"
                        + "{\"label\":\"Too long to wait\",\"cases\":1}]");
        assertThat(chairs.path("waitingNow").toString()).isEqualTo("[{\"label\":\"Call the customer\",\"cases\":1}]");
    }

    @Test
    void perSkuSupplierAndTier() {
        JsonNode a2 = group(insights("&groupBy=sku").path("groups"), fixture.a2);
        assertThat(a2.path("linesOrdered").asLong()).isEqualTo(2);
        assertThat(a2.path("backorderRate").asDouble()).isEqualTo(1.0);
        assertThat(a2.path("casesOpened").asLong()).isEqualTo(2);

        JsonNode supplierB = group(insights("&groupBy=supplier").path("groups"), fixture.supplierB);
        assertThat(supplierB.path("casesOpened").asLong()).isEqualTo(3);
        assertThat(supplierB.path("casesOpen").asLong()).isEqualTo(1);

        JsonNode tiers = insights("&groupBy=tier");
        assertThat(tiers.path("groupBy").asText()).isEqualTo("tier");
        JsonNode gold = group(tiers.path("groups"), "GOLD");
        // gold lines: 1-1, 1-2, 4-1, 4-2, 7-1, 9-1, 9-2; short: 1-2, 4-2 (refused), 7-1, 9-1, 9-2
        assertThat(gold.path("linesOrdered").asLong()).isEqualTo(7);
        assertThat(gold.path("backorderRate").asDouble()).isEqualTo(0.7143);
        assertThat(gold.path("cancelled").asLong()).isEqualTo(2);
    }

    @Test
    void aRealCaseKeepsTheFactsTheKpisCount() {
        String sku = catalog.product("Fact lamp", "30.00", 0, 10);
        String caseId = caseWithNoticeSent("FACT");
        String other = placedCase("FACT", "STANDARD", sku, 1);
        awaitWaiting(other);
        api.decide(other, "wait", null);
        String today = catalog.today().toString();

        JsonNode lamp = group(
                api.as(TestUsers.ANALYST)
                        .get("/api/insights?groupBy=sku&from=" + today + "&to=" + today)
                        .body()
                        .path("groups"),
                sku);
        // the notice reached the mail server, the offer was made, the customer chose to wait
        assertThat(lamp.path("casesOpened").asLong()).isEqualTo(1);
        assertThat(lamp.path("emailsPerCase").asDouble()).isEqualTo(1.0);
        assertThat(lamp.path("offerAcceptance").path("waiting").toString())
                .isEqualTo("{\"offered\":1,\"accepted\":1,\"rate\":1.0}");
        assertThat(caseId).isNotEqualTo(other);
    }

    @Test
    void badParametersAreRefusedByName() {
        var reversed = api.as(TestUsers.ANALYST).get("/api/insights?from=2021-03-31&to=2021-03-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body().toString()).contains("from (2021-03-31) is after to (2021-03-01)");

        var tooLong = api.as(TestUsers.ANALYST).get("/api/insights?from=2001-01-01&to=2021-03-01");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.body().toString()).contains("at most 1096 days");

        var unknown = api.as(TestUsers.ANALYST).get("/api/insights?groupBy=colour");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().toString()).contains("groupBy").contains("one of all, sku, category, supplier, tier");

        var notADate = api.as(TestUsers.ANALYST).get("/api/insights?from=yesterday");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.contentType()).contains("problem+json");
    }

    @Test
    void supervisorsAndAnalystsReadThemAgentsAndShopsDoNot() {
        assertThat(api.as(TestUsers.SUPERVISOR).get("/api/insights").status()).isEqualTo(200);
        assertThat(api.as(TestUsers.ADMIN).get("/api/insights").status()).isEqualTo(200);
        assertThat(api.as(TestUsers.AGENT).get("/api/insights").status()).isEqualTo(403);
        assertThat(api.get("/api/insights").status()).isEqualTo(403);
        assertThat(api.anonymous().get("/api/insights").status()).isEqualTo(401);
    }

    static JsonNode group(JsonNode groups, String key) {
        for (JsonNode group : groups) {
            if (group.path("key").asText().equals(key)) {
                return group.path("kpis");
            }
        }
        throw new AssertionError("no group " + key + " in " + groups);
    }
}
