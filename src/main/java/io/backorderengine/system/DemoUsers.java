package io.backorderengine.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * One demo user per role, for the {@code demo} profile only (the README lists them); the
 * administrator comes from {@code camunda.bpm.admin-user}. No other profile creates users.
 */
@Component
@Profile("demo")
class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private record DemoUser(String id, String firstName, String lastName, String group) {
    }

    private static final List<DemoUser> USERS = List.of(
            new DemoUser("agent", "Anna", "Agent", Roles.AGENTS),
            new DemoUser("supervisor", "Sam", "Supervisor", Roles.SUPERVISORS),
            new DemoUser("analyst", "Alex", "Analyst", Roles.ANALYSTS),
            new DemoUser("shop", "Demo", "Shop", Roles.ORDER_SYSTEMS));

    private final IdentityService identity;
    private final String password;

    DemoUsers(IdentityService identity, @Value("${backorder.demo.password:demo}") String password) {
        this.identity = identity;
        this.password = password;
    }

    @EventListener
    @Order(10) // after EngineSetup created the groups
    void onStarted(ApplicationStartedEvent started) {
        for (DemoUser demo : USERS) {
            if (identity.createUserQuery().userId(demo.id()).count() > 0) {
                continue;
            }
            User user = identity.newUser(demo.id());
            user.setFirstName(demo.firstName());
            user.setLastName(demo.lastName());
            user.setEmail(demo.id() + "@demo.invalid");
            user.setPassword(password);
            identity.saveUser(user);
            identity.createMembership(demo.id(), demo.group());
            log.info("Created demo user {} in group {}", demo.id(), demo.group());
        }
    }
}
