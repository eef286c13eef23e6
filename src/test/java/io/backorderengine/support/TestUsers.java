package io.backorderengine.support;

import java.util.Map;
import java.util.UUID;

import io.backorderengine.system.ApiKeys;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;

/**
 * One user per role for tests (the test profile, like production, creates only the configured
 * administrator). Passwords follow {@link #password(String)}.
 */
@TestComponent
public class TestUsers {

    public static final String ADMIN = "admin";
    public static final String AGENT = "testagent";
    public static final String SUPERVISOR = "testsupervisor";
    public static final String ANALYST = "testanalyst";
    public static final String SHOP = "testshop";
    /** A metrics scraper (Prometheus). */
    public static final String MONITOR = "testmonitor";
    /** Only ever used with a wrong password: the engine locks users out after failed attempts. */
    public static final String LOCKED_OUT = "testwrongpassword";

    private static final Map<String, String> GROUPS = Map.of(
            AGENT,
            "agents",
            SUPERVISOR,
            "supervisors",
            ANALYST,
            "analysts",
            SHOP,
            "ordersystems",
            MONITOR,
            "monitoring",
            LOCKED_OUT,
            "camunda-admin");

    /** The test order system's API key (order systems have keys, not passwords). */
    private static final String SHOP_KEY = "testshop-api-key-7f3c9a1e5b2d4f60";

    private final IdentityService identity;
    private final ApiKeys apiKeys;

    TestUsers(IdentityService identity, ApiKeys apiKeys) {
        this.identity = identity;
        this.apiKeys = apiKeys;
    }

    /** What the user logs in with: a password, or for the order system its API key. */
    public static String password(String user) {
        if (SHOP.equals(user)) {
            return SHOP_KEY;
        }
        return ADMIN.equals(user) ? "test-admin-password" : user + "-password";
    }

    @EventListener
    @Order(20) // after the application created its groups
    void onStarted(ApplicationStartedEvent started) {
        GROUPS.forEach((id, group) -> {
            if (identity.createUserQuery().userId(id).count() == 0) {
                User user = identity.newUser(id);
                user.setFirstName("Test");
                user.setLastName(group);
                user.setPassword(SHOP.equals(id) ? UUID.randomUUID().toString() : password(id));
                identity.saveUser(user);
                identity.createMembership(id, group);
            }
        });
        if (!apiKeys.matches(SHOP, SHOP_KEY)) {
            apiKeys.register(SHOP, "tests", SHOP_KEY);
        }
    }
}
