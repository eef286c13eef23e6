package io.backorderengine.system;

import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The connection pool must hold what web requests and the job executor may take at once: one connection
 * per web request in flight ({@link RequestBulkhead}), two per job executor thread (an email's log entry
 * commits on a connection of its own), what other parts hold on threads of their own ({@link ConnectionDemand}),
 * and two for health checks. A pool smaller than that lets one side starve the other, so start-up fails and
 * says how to size it.
 */
@Component
class PoolSizing {

    private final DataSource dataSource;
    private final int webRequests;
    private final int jobThreads;
    private final List<ConnectionDemand> others;

    PoolSizing(
            DataSource dataSource,
            SystemSettings settings,
            CamundaBpmProperties camunda,
            List<ConnectionDemand> others) {
        this.dataSource = dataSource;
        this.webRequests = settings.http().maxConcurrentRequests();
        this.jobThreads = camunda.getJobExecution().getMaxPoolSize();
        this.others = others;
    }

    @EventListener
    void onStarted(ApplicationStartedEvent started) {
        if (!(dataSource instanceof HikariDataSource pool)) {
            return;
        }
        int needed = webRequests
                + 2 * jobThreads
                + others.stream().mapToInt(ConnectionDemand::connections).sum()
                + 2;
        if (pool.getMaximumPoolSize() < needed) {
            String otherDemands = others.stream()
                    .map(other -> ", %s (%d, %s)".formatted(other.heldBy(), other.connections(), other.setting()))
                    .collect(Collectors.joining());
            throw new IllegalStateException(("The connection pool (%d) is smaller than what web requests (%d, "
                            + "backorder.http.max-concurrent-requests), job executor threads (%d, 2 connections each, "
                            + "camunda.bpm.job-execution.max-pool-size)%s may hold at once, plus 2: make it at least %d "
                            + "(spring.datasource.hikari.maximum-pool-size, BACKORDER_DB_POOL_SIZE)")
                    .formatted(pool.getMaximumPoolSize(), webRequests, jobThreads, otherDemands, needed));
        }
    }
}
