package io.backorderengine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;

/**
 * Receipts for one SKU at the same moment, and receipts racing cancellations, from parallel threads:
 * no more is allocated than arrived, no unit twice, and no unit is left on the shelf while a case waits.
 */
class AllocationRaceTests extends ApplicationTest {

    @Test
    void parallelReceiptsForOneSkuAllocateEachUnitOnce() throws Exception {
        String sku = catalog.product(0);
        List<String> cases = waitingCases(sku, 24);
        int waitingUnits = missing(sku);

        int received = runTogether(8, thread -> {
            int units = 0;
            for (int i = 0; i < 3; i++) {
                assertThat(api.receive(Catalog.unique("RCPT"), sku, 2).status()).isEqualTo(201);
                units += 2;
            }
            return units;
        });

        assertThat(catalog.count("select coalesce(sum(quantity), 0) from stock_receipt where sku = ?", sku))
                .as("every receipt answered 201 is recorded")
                .isEqualTo(received);
        assertConserved(sku, received);
        assertThat(catalog.count(
                        "select coalesce(sum(quantity_allocated), 0) from backorder_demand where sku = ?", sku))
                .isEqualTo(Math.min(received, waitingUnits));
        for (String caseId : cases) {
            assertThat(catalog.heldFor(caseId, "RECEIPT"))
                    .isEqualTo(
                            catalog.count("select quantity_allocated from backorder_demand where case_id = ?", caseId));
        }
    }

    @Test
    void receiptsRacingCancellationsNeitherLoseNorDoubleAUnit() throws Exception {
        String sku = catalog.product(0);
        List<String> cases = waitingCases(sku, 20);
        List<String> cancelling = cases.subList(0, 10);

        int received = runTogether(3, thread -> {
            if (thread == 0) {
                for (String caseId : cancelling) {
                    int status = api.decide(caseId, "cancel", null).status();
                    assertThat(status).as("cancel " + caseId).isIn(202, 409);
                }
                return 0;
            }
            int units = 0;
            for (int i = 0; i < 6; i++) {
                assertThat(api.receive(Catalog.unique("RCPT"), sku, 2).status()).isEqualTo(201);
                units += 2;
            }
            return units;
        });

        // let every case take its messages and finish releasing what it gives back
        await().atMost(Duration.ofSeconds(60)).until(() -> settled(cases));
        assertConserved(sku, received);
        // whichever came first, a cancelling case either ended cancelled holding nothing, or shipped holding all it
        // missed
        for (String caseId : cancelling) {
            String status = api.status(caseId);
            assertThat(status).as(caseId).isIn("CANCELLED", "FULFILLED");
            assertThat(catalog.heldFor(caseId, "RECEIPT"))
                    .as("%s, %s, holds", caseId, status)
                    .isEqualTo(
                            status.equals("CANCELLED")
                                    ? 0
                                    : catalog.count(
                                            "select quantity_short from backorder_demand where case_id = ?", caseId));
        }
        int waiting = catalog.count("select count(*) from backorder_demand where sku = ? and status = 'WAITING'", sku);
        int onShelf = catalog.onHand(sku);
        assertThat(waiting == 0 || onShelf == 0)
                .as("no unit stays on the shelf while a case waits (%d on the shelf, %d waiting)", onShelf, waiting)
                .isTrue();
    }

    // -- helpers -----------------------------------------------------------------------------------

    private List<String> waitingCases(String sku, int count) {
        List<String> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = Catalog.unique("RACE");
            api.placeOrder(orderId, "STANDARD", new Api.Line("1", sku, 1 + i % 3));
            cases.add(orderId + "-1");
        }
        return cases;
    }

    /** Every unit that arrived is on the shelf or held (unreleased) for exactly one case, within its need. */
    private void assertConserved(String sku, int received) {
        int held = catalog.count(
                "select coalesce(sum(quantity), 0) from reservation where sku = ? and source = 'RECEIPT' "
                        + "and released_at is null",
                sku);
        assertThat(catalog.onHand(sku) + held)
                .as("units on the shelf plus units held = units received")
                .isEqualTo(received);
        assertThat(catalog.count("""
                select count(*) from backorder_demand d where d.sku = ? and (select coalesce(sum(r.quantity), 0)
                from reservation r where r.case_id = d.case_id and r.source = 'RECEIPT' and r.released_at is null) > d.quantity_short""", sku))
                .as("cases holding more than they need")
                .isZero();
        assertThat(catalog.count("select waiting_units from product where sku = ?", sku))
                .as("the product's running total of waiting units is what its line still misses")
                .isEqualTo(missing(sku));
    }

    private int missing(String sku) {
        return catalog.count(
                "select coalesce(sum(quantity_short - quantity_allocated), 0) from backorder_demand "
                        + "where sku = ? and status = 'WAITING'",
                sku);
    }

    private boolean settled(List<String> cases) {
        for (String caseId : cases) {
            if (catalog.count("select count(*) from case_message where case_id = ? and delivered_at is null", caseId)
                    > 0) {
                return false;
            }
            var instance = processEngine
                    .getRuntimeService()
                    .createProcessInstanceQuery()
                    .processInstanceBusinessKey(caseId)
                    .singleResult();
            if (instance != null
                    && processEngine
                                    .getManagementService()
                                    .createJobQuery()
                                    .processInstanceId(instance.getId())
                                    .messages()
                                    .count()
                            > 0) {
                return false;
            }
            if (catalog.count("select count(*) from case_decision where case_id = ? and decision = 'CANCEL'", caseId)
                            > 0
                    && !api.status(caseId).equals("CANCELLED")
                    && !api.status(caseId).equals("FULFILLED")) {
                return false;
            }
        }
        return true;
    }

    /** Runs the body on several threads released at the same moment; returns the sum of their results. */
    private int runTogether(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> call = () -> {
                    ready.countDown();
                    go.await();
                    return body.run(thread);
                };
                results.add(pool.submit(call));
            }
            ready.await();
            go.countDown();
            int sum = 0;
            for (Future<Integer> result : results) {
                sum += result.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    interface ThreadBody {
        int run(int thread) throws Exception;
    }
}
