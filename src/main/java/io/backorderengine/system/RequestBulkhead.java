package io.backorderengine.system;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Web requests and the job executor share the connection pool; neither may starve the other. At most
 * {@code backorder.http.max-concurrent-requests} requests to the application's surfaces run at once, so
 * they can never hold more connections than that and the job executor's threads always find theirs
 * ({@link PoolSizing} checks the pool is big enough for both). A request that finds every slot busy waits
 * up to {@code backorder.http.queue-wait}, then is answered 503 with Retry-After rather than hanging.
 * Health checks and static assets do not queue here.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2) // after the body is in memory (RequestBodyGate): slow uploads hold no slot
class RequestBulkhead extends OncePerRequestFilter {

    private final Semaphore slots;
    private final Duration queueWait;
    private final ProblemWriter problems;

    RequestBulkhead(SystemSettings settings, ObjectMapper json, MeterRegistry metrics) {
        this.slots = new Semaphore(settings.http().maxConcurrentRequests(), true);
        this.queueWait = settings.http().queueWait();
        this.problems = new ProblemWriter(json);
        Gauge.builder("backorder.http.requests.free", this.slots, Semaphore::availablePermits)
                .description("request slots free (backorder.http.max-concurrent-requests)")
                .register(metrics);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.startsWith("/api/")
                || path.startsWith("/engine-rest/")
                || path.startsWith("/customer/")
                || path.startsWith("/desk/")
                || path.startsWith("/camunda/api/") && !path.contains("/static/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = slots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setHeader("Retry-After", "1");
            problems.write(
                    response,
                    Problems.of(
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "busy",
                            "the server is busy with other requests; try again in a second"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            slots.release();
        }
    }
}
