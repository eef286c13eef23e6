package io.backorderengine.backorder.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/** An order system pulls what the engine decided from GET /api/events, page by page, as it would. */
class OutcomeFeedTests extends ApplicationTest {

    @Autowired
    CaseOutcomeSequencer sequencer;

    @Test
    void aCasesOutcomesComeInTheOrderTheyHappenedWithTheFactsToActOn() {
        long cursor = end();
        String sku = catalog.product("Lantern", "20.00", 1, 10);
        String caseId = placedCase("FEED", "STANDARD", sku, 4); // 1 ships now, 3 wait 10 days: 5% off
        awaitWaiting(caseId);
        purchaseOrdered(sku, 10, catalog.today().plusDays(3));
        api.receive(Catalog.unique("RCPT"), sku, 1);
        api.receive(Catalog.unique("RCPT"), sku, 2);

        List<JsonNode> outcomes = await().until(() -> ofCase(readFrom(cursor, 2), caseId), o -> o.size() == 5);

        assertThat(outcomes.stream().map(o -> o.path("type").asText()))
                .containsExactly("BACKORDERED", "DISCOUNT_GRANTED", "DATE_CHANGED", "PARTIALLY_ALLOCATED", "ALLOCATED");
        JsonNode backordered = outcomes.get(0);
        assertThat(backordered.path("orderId").asText()).isEqualTo(caseId.substring(0, caseId.lastIndexOf('-')));
        assertThat(backordered.path("lineId").asText()).isEqualTo("1");
        assertThat(backordered.path("data").path("quantityShort").asInt()).isEqualTo(3);
        assertThat(backordered.path("data").path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(10).toString());
        assertThat(outcomes.get(1).path("data").path("discountPercent").asInt()).isEqualTo(5);
        assertThat(outcomes.get(2).path("data").path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(3).toString());
        assertThat(outcomes.get(2).path("data").path("previousDate").asText())
                .isEqualTo(catalog.today().plusDays(10).toString());
        assertThat(outcomes.get(3).path("data").path("quantity").asInt()).isEqualTo(1);
        assertThat(outcomes.get(3).path("data").path("remaining").asInt()).isEqualTo(2);
        assertThat(outcomes.get(4).path("data").path("quantity").asInt()).isEqualTo(2);
        assertThat(outcomes.stream().map(o -> o.path("eventId").asText()).distinct())
                .hasSize(5);
    }

    @Test
    void aCancelledLineIsRefundedAtThePricePaid() {
        long cursor = end();
        String sku = catalog.product("Tarp", "19.99", 0, 10);
        String caseId = placedCase("FEED", "STANDARD", sku, 3); // 10 days' wait: 5% off
        awaitWaiting(caseId);

        api.post(
                "/api/backorders/" + caseId + "/decision",
                Map.of("decision", "cancel", "reason", "found it elsewhere"));

        JsonNode cancelled = await()
                .until(
                        () -> ofCase(readFrom(cursor, 100), caseId),
                        o -> o.stream().anyMatch(e -> e.path("type").asText().equals("CANCELLED")))
                .stream()
                .filter(e -> e.path("type").asText().equals("CANCELLED"))
                .findFirst()
                .orElseThrow();
        assertThat(cancelled.path("data").path("reason").asText()).isEqualTo("found it elsewhere");
        assertThat(cancelled.path("data").path("quantity").asInt()).isEqualTo(3);
        // 3 x 19.99 = 59.97, less 5 %: 56.97
        assertThat(cancelled.path("data").path("refundAmount").decimalValue()).isEqualByComparingTo("56.97");
        assertThat(cancelled.path("data").path("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void readersPagingWhileManyWriteAndSeveralNodesSequenceNeverSkipOrRepeat() throws Exception {
        long cursor = end();
        String sku = catalog.product("Hot item", "5.00", 0, 10);
        purchaseOrdered(sku, 100, catalog.today().plusDays(4));
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(7);
        List<String> caseIds = new ArrayList<>();
        try {
            // two more "nodes" sequencing all the time, beside the scheduled one
            List<Future<?>> nodes =
                    List.of(threads.submit(() -> sequenceWhile(writing)), threads.submit(() -> sequenceWhile(writing)));
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                writers.add(threads.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 15; i++) {
                        mine.add(placedCase("RACE", "STANDARD", sku, 1));
                    }
                    return mine;
                }));
            }
            // a reader with small pages from the start, while the writers write
            Future<List<JsonNode>> reader = threads.submit(() -> {
                List<JsonNode> read = new ArrayList<>();
                long at = cursor;
                while (writing.get()) {
                    JsonNode page =
                            api.get("/api/events?after=" + at + "&limit=7").body();
                    page.path("events").forEach(read::add);
                    at = page.path("next").asLong();
                }
                read.addAll(readFrom(at, 7));
                return read;
            });
            for (Future<List<String>> writer : writers) {
                caseIds.addAll(writer.get());
            }
            await().until(() -> ofCases(readFrom(cursor, 1000), caseIds).size() == caseIds.size());
            writing.set(false);
            for (Future<?> node : nodes) {
                node.get();
            }
            List<JsonNode> read = reader.get();

            List<Long> positions =
                    read.stream().map(e -> e.path("position").asLong()).toList();
            assertThat(positions).as("contiguous, each once").doesNotHaveDuplicates();
            for (int i = 0; i < positions.size(); i++) {
                assertThat(positions.get(i)).isEqualTo(cursor + 1 + i);
            }
            assertThat(ofCases(read, caseIds)).hasSize(caseIds.size());
            assertThat(catalog.count(
                            "select count(*) from case_outcome where position is not null and position > ?", cursor))
                    .isEqualTo(read.size());
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=0", "limit=1001", "after=-1", "after=abc", "limit=x"})
    void aBadCursorOrLimitIsRefused(String query) {
        Api.Response refused = api.get("/api/events?" + query);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
    }

    private void sequenceWhile(AtomicBoolean writing) {
        while (writing.get()) {
            sequencer.sequenceAll();
        }
    }

    /** The feed's current end: where a reader starting now would begin. */
    private long end() {
        sequencer.sequenceAll();
        long at = 0;
        for (JsonNode page = api.get("/api/events?after=0&limit=1000").body();
                page.path("events").size() > 0;
                page = api.get("/api/events?after=" + at + "&limit=1000").body()) {
            at = page.path("next").asLong();
        }
        return at;
    }

    private List<JsonNode> readFrom(long cursor, int limit) {
        return api.events(cursor, limit);
    }

    private static List<JsonNode> ofCase(List<JsonNode> outcomes, String caseId) {
        return outcomes.stream()
                .filter(o -> o.path("caseId").asText().equals(caseId))
                .toList();
    }

    /** The BACKORDERED outcomes of these cases, one per case when all are there. */
    private static List<JsonNode> ofCases(List<JsonNode> outcomes, List<String> caseIds) {
        Set<String> wanted = new HashSet<>(caseIds);
        return outcomes.stream()
                .filter(o -> wanted.contains(o.path("caseId").asText()))
                .filter(o -> o.path("type").asText().equals("BACKORDERED"))
                .toList();
    }
}
