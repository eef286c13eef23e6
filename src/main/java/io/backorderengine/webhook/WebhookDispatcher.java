package io.backorderengine.webhook;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every node, every poll interval: queue the feed's new events per subscriber, then call the receivers of
 * the deliveries that are due. Calls run on this class's own threads, at most
 * {@code backorder.webhooks.max-concurrent-calls} at a time, so a receiver that hangs costs a slot until its
 * timeout and never a scheduler, web or job executor thread. All state is in the database: a node that
 * stops leaves nothing that another cannot finish.
 */
@Component
class WebhookDispatcher implements SchedulingConfigurer, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final Duration FORGET_INTERVAL = Duration.ofHours(1);

    private final WebhookQueue queue;
    private final WebhookDeliveries deliveries;
    private final WebhookCalls calls;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final Semaphore slots;
    private final ExecutorService callers;

    WebhookDispatcher(
            WebhookQueue queue,
            WebhookDeliveries deliveries,
            WebhookCalls calls,
            WebhookProperties properties,
            WebhookMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
        this.deliveries = deliveries;
        this.calls = calls;
        this.properties = properties;
        this.slots = new Semaphore(properties.maxConcurrentCalls());
        AtomicInteger threads = new AtomicInteger();
        this.callers = Executors.newFixedThreadPool(properties.maxConcurrentCalls(), task -> {
            Thread thread = new Thread(task, "webhook-call-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(
                new FixedDelayTask(this::dispatch, properties.pollInterval(), properties.pollInterval()));
        tasks.addFixedDelayTask(new FixedDelayTask(this::forgetDelivered, FORGET_INTERVAL, Duration.ofMinutes(1)));
    }

    void dispatch() {
        try {
            queue.queueNewEvents();
            int free = slots.availablePermits();
            if (free == 0) {
                return;
            }
            for (WebhookDeliveries.Call call : deliveries.due(free)) {
                if (slots.tryAcquire() && !start(call)) {
                    slots.release();
                }
            }
        } catch (DataAccessException e) {
            log.warn("Webhooks were not dispatched this time; the next turn tries again: {}", e.toString());
        }
    }

    /** Takes the delivery and hands the call to a caller thread; false when another node took it first. */
    private boolean start(WebhookDeliveries.Call call) {
        if (!deliveries.take(call.deliveryId())) {
            return false;
        }
        callers.execute(() -> {
            try {
                deliver(call);
            } finally {
                slots.release();
            }
        });
        return true;
    }

    private void deliver(WebhookDeliveries.Call call) {
        try (var logged = MDC.putCloseable("caseId", call.caseId())) {
            deliverLogged(call);
        }
    }

    private void deliverLogged(WebhookDeliveries.Call call) {
        WebhookCalls.Answer answer = calls.call(call);
        try {
            if (answer.delivered()) {
                deliveries.delivered(call, answer.status());
                return;
            }
            metrics.failedCall();
            DeliveryState left = deliveries.failed(call, answer.status(), answer.error());
            if (left == DeliveryState.DEAD) {
                log.error(
                        "Webhook event {} to {} given up after {} tries ({}); it is DEAD until an administrator"
                                + " retries it (POST /api/admin/webhooks/<id>/retries)",
                        call.eventId(),
                        call.url(),
                        call.attempts() + 1,
                        answer.error());
            } else {
                log.warn(
                        "Webhook event {} to {} failed (try {} of {}): {}; it is tried again later",
                        call.eventId(),
                        call.url(),
                        call.attempts() + 1,
                        properties.retry().maxAttempts(),
                        answer.error());
            }
        } catch (DataAccessException e) {
            // the lease runs out and the event is sent again: at least once, never lost
            log.warn(
                    "Webhook event {}: the call's result was not saved; it is sent again later: {}",
                    call.eventId(),
                    e.toString());
        }
    }

    private void forgetDelivered() {
        try {
            int forgotten = deliveries.forgetDelivered();
            if (forgotten > 0) {
                log.info("Deleted {} webhook deliveries older than {}", forgotten, properties.keepDelivered());
            }
        } catch (DataAccessException e) {
            log.warn("Old webhook deliveries were not deleted this time: {}", e.toString());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        callers.shutdownNow();
        callers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
