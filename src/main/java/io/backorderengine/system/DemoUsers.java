package io.backorderengine.system;

import java.util.List;
import java.util.UUID;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo user per role, for the {@code demo} profile only (the README lists them); the
 * administrator comes from {@code camunda.bpm.admin-user}. No other profile creates users. The demo
 * order system {@code shop} gets the demo password as its API key, so {@code curl -u shop:demo} works.
 */
@Component
@Profile("demo")
class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private record DemoUser(String id, String firstName, String lastName, String group) {}

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("agent", "Anna", "Agent", Roles.AGENTS),
            new DemoUser("supervisor", "Sam", "Supervisor", Roles.SUPERVISORS),
            new DemoUser("analyst", "Alex", "Analyst", Roles.ANALYSTS),
            new DemoUser("shop", "Demo", "Shop", Roles.ORDER_SYSTEMS));

    private final IdentityService identity;
    private final ApiKeys apiKeys;
    private final String password;

    DemoUsers(IdentityService identity, ApiKeys apiKeys, SystemSettings settings) {
        this.identity = identity;
        this.apiKeys = apiKeys;
        this.password = settings.demo().password();
    }

    @EventListener
    @Order(10) // after EngineSetup created the groups
    void onStarted(ApplicationStartedEvent started) {
        for (DemoUser demo : USERS) {
            boolean technical = Roles.ORDER_SYSTEMS.equals(demo.group());
            if (identity.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identity.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@demo.invalid");
                // an order system has no password to log in with (a random one nobody knows): it calls the API with a
                // key
                user.setPassword(technical ? UUID.randomUUID() + "-" + UUID.randomUUID() : password);
                identity.saveUser(user);
                identity.createMembership(demo.id(), demo.group());
                log.info("Created demo user {} in group {}", demo.id(), demo.group());
            }
            if (technical && apiKeys.of(demo.id()).isEmpty()) {
                apiKeys.register(demo.id(), "demo key", password);
                log.info("Demo order system {} calls the API with the key '{}'", demo.id(), password);
            }
        }
    }
}
