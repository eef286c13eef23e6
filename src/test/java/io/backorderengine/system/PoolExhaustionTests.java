package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * When connections run out, requests fail fast with 503 and Retry-After instead of hanging, and web
 * requests and the job executor cannot starve each other: web requests hold at most
 * {@code backorder.http.max-concurrent-requests} connections, the rest of the pool is the job executor's.
 */
class PoolExhaustionTests extends ApplicationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry metrics;

    @Test
    void withNoConnectionFreeTheApiAnswers503AtOnceAndRecovers() throws Exception {
        HikariDataSource pool = (HikariDataSource) dataSource;
        ProcessEngineConfigurationImpl engine =
                (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        engine.getJobExecutor().shutdown(); // its jobs would only fail meanwhile
        List<Connection> held = new ArrayList<>();
        try {
            // slow queries holding every connection
            while (held.size() < pool.getMaximumPoolSize()) {
                held.add(pool.getConnection());
            }
            long started = System.nanoTime();

            Api.Response response = api.get("/api/backorders/none");

            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.headers().getFirst("Retry-After")).isNotBlank();
            assertThat(response.body().path("type").asText()).endsWith("database-unavailable");
            assertThat(millis).as("answered after ms").isLessThan(5_000);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
            engine.getJobExecutor().start();
        }
        assertThat(api.get("/api/backorders/none").status()).isEqualTo(404);
    }

    @Test
    void webRequestsStuckOnALockNeitherStarveTheJobExecutorNorMakeOthersHang() throws Exception {
        String waiting = Catalog.unique("BULK");
        api.placeOrder(waiting, "STANDARD", new Api.Line("1", catalog.product(0), 1));
        await().until(() -> maxWaitTimer(waiting + "-1") != null);
        String sku = catalog.product(100);
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<Integer>> stuck = new ArrayList<>();
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select =
                    lock.prepareStatement("select on_hand from product where sku = ? for update")) {
                select.setString(1, sku);
                select.executeQuery().close();
            }
            // every web slot taken by an order waiting for the product's row lock
            for (int i = 0; i < 10; i++) {
                stuck.add(clients.submit(
                        () -> api.placeOrder(Catalog.unique("STUCK"), "STANDARD", new Api.Line("1", sku, 1))
                                .status()));
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() ->
                            metrics.get("backorder.http.requests.free").gauge().value() == 0);
            long started = System.nanoTime();

            Api.Response another = api.get("/api/backorders/none");

            assertThat(another.status()).isEqualTo(503);
            assertThat(another.headers().getFirst("Retry-After")).isEqualTo("1");
            assertThat((System.nanoTime() - started) / 1_000_000)
                    .as("refused after ms")
                    .isLessThan(3_000);
            // the job executor still finds connections: another case's timer runs now
            processEngine
                    .getManagementService()
                    .setJobDuedate(maxWaitTimer(waiting + "-1").getId(), new Date(0));
            await().atMost(Duration.ofSeconds(6))
                    .until(() -> processEngine
                                    .getTaskService()
                                    .createTaskQuery()
                                    .processInstanceBusinessKey(waiting + "-1")
                                    .taskDefinitionKey("UserTask_ResolveEscalation")
                                    .count()
                            == 1);
            lock.commit();
        } finally {
            clients.shutdown();
        }
        for (Future<Integer> order : stuck) {
            assertThat(order.get()).isEqualTo(201);
        }
    }

    private Job maxWaitTimer(String caseId) {
        var instance = processEngine
                .getRuntimeService()
                .createProcessInstanceQuery()
                .processInstanceBusinessKey(caseId)
                .singleResult();
        return instance == null
                ? null
                : processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance.getId())
                        .timers()
                        .activityId("Event_MaxWaitReached")
                        .singleResult();
    }
}
