package io.backorderengine.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Webhook deliveries for operators: failed calls (this node's), and the cluster's pending and dead events. */
@Component
class WebhookMetrics {

    private final Counter failedCalls;

    WebhookMetrics(JdbcClient jdbc, MeterRegistry metrics) {
        this.failedCalls = Counter.builder("backorder.webhooks.failed")
                .description("webhook calls that failed (no answer, or not 2xx); each is tried again")
                .register(metrics);
        for (DeliveryState state : new DeliveryState[] {DeliveryState.PENDING, DeliveryState.DEAD}) {
            Gauge.builder(
                            "backorder.webhooks.deliveries",
                            jdbc,
                            db -> db.sql("select count(*) from webhook_delivery where state = ?")
                                    .param(state.name())
                                    .query(Long.class)
                                    .single())
                    .description("webhook events waiting to be delivered (PENDING) or given up (DEAD)")
                    .tag("state", state.name())
                    .register(metrics);
        }
    }

    void failedCall() {
        failedCalls.increment();
    }
}
