package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.event.EventType;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.springframework.stereotype.Component;

/**
 * Removes a message subscription without looking for a job that would deliver it later.
 *
 * <p>When a scope ends, the engine deletes each of its event subscriptions and, for each, asks the
 * database for "event" jobs configured with the subscription's id: the jobs that deliver an event
 * caught asynchronously. Only signal and compensation events are ever delivered that way (the engine
 * creates such a job for a signal thrown asynchronously or a compensation); a message is always
 * taken in the transaction that correlates it. A waiting case holds seven message subscriptions (six
 * boundary events on "Backorder open" and the contact request), so each case leaving its wait state
 * asked seven questions whose answer is always none. Every other kind of subscription is removed as
 * the engine does.
 */
@Component
class MessageSubscriptionRemoval extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<SessionFactory> factories = new ArrayList<>();
        if (configuration.getCustomSessionFactories() != null) {
            factories.addAll(configuration.getCustomSessionFactories());
        }
        // added after the engine's own factories, so this one serves EventSubscriptionManager
        factories.add(new Factory());
        configuration.setCustomSessionFactories(factories);
    }

    /** The engine's manager of event subscriptions, but for how it removes a message subscription. */
    static final class Manager extends EventSubscriptionManager {

        @Override
        public void deleteEventSubscription(EventSubscriptionEntity subscription) {
            if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
                getDbEntityManager().delete(subscription);
                return;
            }
            super.deleteEventSubscription(subscription);
        }
    }

    private static final class Factory implements SessionFactory {

        @Override
        public Class<?> getSessionType() {
            return EventSubscriptionManager.class;
        }

        @Override
        public Session openSession() {
            return new Manager();
        }
    }
}
