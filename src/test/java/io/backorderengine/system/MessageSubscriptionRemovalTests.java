package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.junit.jupiter.api.Test;

/** A case leaving its wait state takes all its message subscriptions with it, removed by our manager. */
class MessageSubscriptionRemovalTests extends ApplicationTest {

    @Test
    void aWokenCaseLeavesNoSubscriptionBehind() {
        var configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration
                        .getSessionFactories()
                        .get(EventSubscriptionManager.class)
                        .openSession())
                .isInstanceOf(MessageSubscriptionRemoval.Manager.class);

        String sku = catalog.product(0);
        String caseId = waitingCase(sku, 1);
        String instance = instanceId(caseId);
        var runtime = processEngine.getRuntimeService();
        // the boundary events of "Backorder open" and the contact request
        assertThat(runtime.createEventSubscriptionQuery()
                        .processInstanceId(instance)
                        .eventType("message")
                        .count())
                .isGreaterThanOrEqualTo(7);

        assertThat(api.receive(Catalog.unique("RCPT"), sku, 1).status()).isEqualTo(201);

        await().until(() -> api.status(caseId).equals("FULFILLED"));
        awaitProcessEnded(caseId);
        assertThat(runtime.createEventSubscriptionQuery()
                        .processInstanceId(instance)
                        .count())
                .isZero();
        assertThat(processEngine
                        .getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .count())
                .isZero();
    }
}
