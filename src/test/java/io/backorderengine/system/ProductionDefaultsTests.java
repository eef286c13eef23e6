package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import io.backorderengine.BackorderEngineApplication;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Outside the demo profile nothing ships a default password, cookies are secure, and the engine
 * runs with the hardening settings.
 */
class ProductionDefaultsTests {

    @Test
    void startUpFailsClearlyWithoutAnAdminPassword() {
        assertThatThrownBy(() -> start("camunda.bpm.admin-user.password="))
                .hasStackTraceContaining("The administrator's password is not configured")
                .hasStackTraceContaining("BACKORDER_ADMIN_PASSWORD");
    }

    @Test
    void startUpFailsWithAWeakAdminPassword() {
        assertThatThrownBy(() -> start("camunda.bpm.admin-user.password=admin"))
                .hasStackTraceContaining("at least 12 characters and differ from the user id");
    }

    @Test
    void aNodeOutsideTheDemoRunsWithTheHardenedSettings() throws Exception {
        try (ConfigurableApplicationContext app = run("camunda.bpm.admin-user.password=a-long-production-password")) {
            var engine = (ProcessEngineConfigurationImpl) app.getBean(ProcessEngine.class).getProcessEngineConfiguration();
            assertThat(engine.isAuthorizationEnabled()).isTrue();
            assertThat(engine.getDefaultUserPermissionNameForTask()).isEqualTo("TASK_WORK");
            assertThat(engine.isEnableExpressionsInAdhocQueries()).isFalse();
            assertThat(engine.isEnableExpressionsInStoredQueries()).isFalse();
            assertThat(engine.isJavaSerializationFormatEnabled()).isFalse();
            assertThat(engine.getQueryMaxResultsLimit()).isEqualTo(2000);
            assertThat(app.getBean(IdentityService.class).checkPassword("admin", "admin"))
                    .as("no default password").isFalse();

            // what a browser opening Tasklist gets: session and CSRF cookies only over TLS, HSTS on
            String port = app.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/camunda/app/tasklist/default/")).build(), BodyHandlers.ofString());
            List<String> cookies = page.headers().allValues("Set-Cookie");
            assertThat(cookies).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).containsPattern("(?i);\\s*Secure(;|$)"));
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        }
    }

    private static void start(String password) {
        run(password).close();
    }

    private static ConfigurableApplicationContext run(String password) {
        return new SpringApplicationBuilder(BackorderEngineApplication.class)
                .profiles("production")
                // an engine name of its own: Camunda keeps engines in a JVM-wide registry by name, where the
                // shared test context's engine ("default") must stay the one /engine-rest finds
                .run("--spring.datasource.url=jdbc:h2:mem:production-defaults", "--server.port=0",
                        "--camunda.bpm.process-engine-name=production-defaults", "--" + password);
    }
}
