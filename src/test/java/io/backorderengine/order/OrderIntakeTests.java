package io.backorderengine.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.Database;
import io.backorderengine.support.Mailbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Order intake over HTTP: reservation, backorders, idempotency. */
class OrderIntakeTests extends ApplicationTest {

    @Autowired
    private DataSource dataSource;

    @Autowired
    private Database database;

    @Autowired
    private MeterRegistry meters;

    @Test
    void anOrderFullyInStockIsReservedAndOpensNoCase() {
        String sku = catalog.product(10);
        String orderId = Catalog.unique("ORD");

        Api.Response placed = api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 3));

        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.headers().getLocation()).hasToString("/api/orders/" + orderId);
        JsonNode line = placed.body().path("lines").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("RESERVED");
        assertThat(line.path("quantityReserved").asInt()).isEqualTo(3);
        assertThat(line.path("quantityBackordered").asInt()).isZero();
        assertThat(line.path("caseId").isNull()).isTrue();
        assertThat(catalog.onHand(sku)).isEqualTo(7);
        assertThat(processEngine
                        .getRuntimeService()
                        .createProcessInstanceQuery()
                        .processInstanceBusinessKey(orderId + "-1")
                        .count())
                .isZero();
        assertThat(api.get("/api/orders/" + orderId).body()).isEqualTo(placed.body());
    }

    @Test
    void aPartlyFilledLineIsBackorderedNotifiedAndShippedWhenStockArrives() throws Exception {
        String sku = catalog.product("Storm lantern", "45.00", 2, 10);
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        String email = "customer-" + orderId + "@example.com";

        Api.Response placed = api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 5));

        JsonNode line = placed.body().path("lines").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("PARTIALLY_BACKORDERED");
        assertThat(line.path("quantityReserved").asInt()).isEqualTo(2);
        assertThat(line.path("quantityBackordered").asInt()).isEqualTo(3);
        assertThat(line.path("caseId").asText()).isEqualTo(caseId);
        assertThat(line.path("caseUrl").asText()).isEqualTo("/api/backorders/" + caseId);
        assertThat(catalog.reservedAtIntake(orderId, "1")).isEqualTo(2);

        MimeMessage notice = Mailbox.awaitSubject(SMTP, email, "is on backorder");
        assertThat(Mailbox.text(notice))
                .contains(
                        "3 x Storm lantern",
                        "2 of the 5 you ordered are in stock and ship now",
                        "Expected date for the rest");
        assertThat(Mailbox.html(notice)).contains("Storm lantern");
        JsonNode view = api.backorder(caseId);
        assertThat(view.path("status").asText()).isEqualTo("OPEN");
        assertThat(view.path("promises")).hasSize(1);
        assertThat(view.path("emails").get(0).path("messageId").asText()).isEqualTo(Mailbox.messageId(notice));
        assertThat(view.path("emails").get(0).path("state").asText()).isEqualTo("SENT");

        Api.Response receipt = api.receive(Catalog.unique("RCPT"), sku, 3);

        assertThat(receipt.status()).isEqualTo(201);
        assertThat(receipt.body().path("allocations").get(0).path("caseId").asText())
                .isEqualTo(caseId);
        await().until(() -> api.status(caseId).equals("FULFILLED"));
        MimeMessage shipped = Mailbox.awaitSubject(SMTP, email, "ships now");
        assertThat(Mailbox.text(shipped)).contains("3 x Storm lantern");
        assertThat(catalog.heldFor(caseId, "RECEIPT")).isEqualTo(3);
        awaitProcessEnded(caseId);
    }

    @Test
    void postingTheSameOrderAgainAnswersTheFirstResultAndStartsNothing() {
        String sku = catalog.product(1);
        String orderId = Catalog.unique("ORD");

        Api.Response first = api.placeOrder(orderId, "SILVER", new Api.Line("1", sku, 4));
        Api.Response again = api.placeOrder(orderId, "SILVER", new Api.Line("1", sku, 4));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        awaitStarted(orderId + "-1");
        assertThat(caseCount(orderId + "-1")).isEqualTo(1);
        assertThat(catalog.onHand(sku)).isZero();
    }

    @Test
    void theSameOrderIdWithOtherContentIsRefusedAndChangesNothing() {
        String sku = catalog.product(10);
        String orderId = Catalog.unique("ORD");
        api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 4));

        Api.Response conflict = api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 5));

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().path("detail").asText()).contains(orderId);
        assertThat(catalog.onHand(sku)).isEqualTo(6);
        assertThat(api.get("/api/orders/" + orderId)
                        .body()
                        .path("lines")
                        .get(0)
                        .path("quantity")
                        .asInt())
                .isEqualTo(4);
    }

    @Test
    void identicalRequestsAtTheSameMomentStartOneCase() throws Exception {
        String sku = catalog.product(1);
        String orderId = Catalog.unique("ORD");
        List<Integer> statuses =
                atTheSameMoment(4, caller -> api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 3))).stream()
                        .map(Api.Response::status)
                        .toList();

        assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
        awaitStarted(orderId + "-1");
        assertThat(caseCount(orderId + "-1")).isEqualTo(1);
        assertThat(catalog.count("select count(*) from backorder_case where order_id = ?", orderId))
                .isEqualTo(1);
        assertThat(catalog.reservedAtIntake(orderId, "1")).isEqualTo(1);
        assertThat(catalog.onHand(sku)).isZero();
    }

    @Test
    void ordersPlacedAtTheSameMomentAreAnsweredAndEveryOneOfTheirCasesStarts() throws Exception {
        // the answer comes once the order is committed; the processes follow, several orders' in one
        // transaction (CaseStarts)
        String sku = catalog.product(0);
        int callers = 12;
        List<String> caseIds = new ArrayList<>();
        for (Api.Response placed : atTheSameMoment(
                callers,
                caller -> api.placeOrder(
                        Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 2), new Api.Line("2", sku, 1)))) {
            assertThat(placed.status()).isEqualTo(201);
            placed.body()
                    .path("lines")
                    .forEach(line -> caseIds.add(line.path("caseId").asText()));
        }

        assertThat(caseIds).hasSize(2 * callers).doesNotContain("");
        caseIds.forEach(this::awaitWaiting);
        for (String caseId : caseIds) {
            assertThat(caseCount(caseId)).isEqualTo(1);
        }
        assertThat(catalog.count(
                        "select count(*) from backorder_case where sku = ? and process_instance_id is null", sku))
                .isZero();
    }

    @Test
    void ordersRacingForTheLastUnitsAndTheLastPlacesInLineGetEachOnce() throws Exception {
        // three units on the shelf and room for five more in the waiting line: twelve orders of one unit
        String sku = catalog.product(3);
        catalog.backorderCap(sku, 5);
        List<String> outcomes = new ArrayList<>();
        List<String> caseIds = new ArrayList<>();
        for (Api.Response placed : atTheSameMoment(
                12, caller -> api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 1)))) {
            assertThat(placed.status()).isEqualTo(201);
            JsonNode line = placed.body().path("lines").get(0);
            outcomes.add(line.path("outcome").asText());
            if (!line.path("caseId").isNull()) {
                caseIds.add(line.path("caseId").asText());
            }
        }

        assertThat(outcomes).filteredOn("RESERVED"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("BACKORDERED"::equals).hasSize(5);
        assertThat(outcomes).filteredOn("REFUSED"::equals).hasSize(4);
        assertThat(caseIds).hasSize(5);
        assertThat(catalog.onHand(sku)).isZero();
        assertThat(catalog.count(
                        "select coalesce(sum(quantity), 0) from reservation where sku = ? and source = 'INTAKE'", sku))
                .isEqualTo(3);
        assertThat(catalog.count("select waiting_units from product where sku = ?", sku))
                .isEqualTo(5);
        assertThat(catalog.count(
                        "select coalesce(sum(quantity_short), 0) from backorder_demand where sku = ? and status = 'WAITING'",
                        sku))
                .isEqualTo(5);
        caseIds.forEach(this::awaitWaiting);
    }

    @Test
    void anOrderWhoseUnitAnotherTookWhileItWasWrittenIsPlacedAgainAndBackordered() throws Exception {
        // one unit on the shelf: the order reads it, writes its reservation, and waits to confirm it while
        // another transaction, holding the product's row, takes the unit
        String sku = catalog.product(1);
        catalog.backorderCap(sku, 5);
        Counter placedAgain = meters.get("backorder.intake.placed.again").counter();
        double before = placedAgain.count();
        String orderId = Catalog.unique("ORD");
        Api.Response placed;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement take = other.prepareStatement("update product set on_hand = 0 where sku = ?")) {
                take.setString(1, sku);
                take.executeUpdate();
            }
            CompletableFuture<Api.Response> placing =
                    CompletableFuture.supplyAsync(() -> api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 1)));
            database.awaitSessionBlockedOnLock();
            other.commit();
            placed = placing.get(60, TimeUnit.SECONDS);
        }

        assertThat(placed.status()).isEqualTo(201);
        JsonNode line = placed.body().path("lines").get(0);
        assertThat(line.path("outcome").asText()).isEqualTo("BACKORDERED");
        assertThat(placedAgain.count()).isEqualTo(before + 1);
        assertThat(catalog.onHand(sku)).isZero();
        assertThat(catalog.count("select count(*) from reservation where order_id = ?", orderId))
                .isZero();
        assertThat(catalog.count("select waiting_units from product where sku = ?", sku))
                .isEqualTo(1);
        awaitWaiting(line.path("caseId").asText());
    }

    @Test
    void twoLinesOfOneSkuShareItsLastUnitAsLinesOfTwoOrdersWould() {
        // both lines read the same single unit; the first (by line order within the SKU) gets it
        String sku = catalog.product(1);
        catalog.backorderCap(sku, 5);
        String orderId = Catalog.unique("ORD");

        Api.Response placed = api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 1), new Api.Line("2", sku, 1));

        assertThat(placed.status()).isEqualTo(201);
        List<String> outcomes = new ArrayList<>();
        placed.body()
                .path("lines")
                .forEach(line -> outcomes.add(line.path("outcome").asText()));
        assertThat(outcomes).containsExactlyInAnyOrder("RESERVED", "BACKORDERED");
        assertThat(catalog.onHand(sku)).isZero();
        assertThat(catalog.count("select coalesce(sum(quantity), 0) from reservation where order_id = ?", orderId))
                .isEqualTo(1);
        assertThat(catalog.count("select waiting_units from product where sku = ?", sku))
                .isEqualTo(1);
    }

    @Test
    void aCaseWhoseProcessCouldNotStartAfterTheOrderCommittedIsStartedLater() {
        // the order and its case commit, then the process start fails (as if the node stopped in between)
        var repository = processEngine.getRepositoryService();
        repository.suspendProcessDefinitionByKey("backorder");
        String sku = catalog.product(0);
        String orderId = Catalog.unique("ORD");
        String caseId = orderId + "-1";
        try {
            Api.Response placed = api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 2));

            assertThat(placed.status()).isEqualTo(201);
            assertThat(placed.body().path("lines").get(0).path("caseId").asText())
                    .isEqualTo(caseId);
            assertThat(caseCount(caseId)).isZero();
            assertThat(api.status(caseId)).isEqualTo("OPEN");
        } finally {
            repository.activateProcessDefinitionByKey("backorder");
        }

        awaitWaiting(caseId);
        assertThat(caseCount(caseId)).isEqualTo(1);
        Mailbox.awaitSubject(SMTP, "customer-" + orderId + "@example.com", "is on backorder");
    }

    private long caseCount(String businessKey) {
        return processEngine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(businessKey)
                .count();
    }

    /** Sends one request from each of {@code callers} threads, released at the same moment; the answers in order. */
    private static List<Api.Response> atTheSameMoment(int callers, IntFunction<Api.Response> request) throws Exception {
        CountDownLatch ready = new CountDownLatch(callers);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int caller = i;
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.apply(caller);
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
