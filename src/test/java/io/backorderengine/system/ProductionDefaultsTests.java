package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.backorderengine.BackorderEngineApplication;
import io.backorderengine.support.ApplicationNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Outside the demo profile nothing ships a default password and cookies are secure (the engine's
 * hardening settings: EngineHardeningTests).
 */
@Tag("application")
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

    /** In a JVM of its own: a node closing in the test JVM would take the shared engine's REST API with it. */
    @Test
    void aNodeOutsideTheDemoHasNoDefaultPasswordAndSendsCookiesOnlyOverTls(@TempDir Path logs) throws Exception {
        try (ApplicationNode node = ApplicationNode.start(
                        "production",
                        logs,
                        List.of(
                                "--spring.datasource.url=jdbc:h2:mem:production-defaults",
                                "--spring.profiles.active=production",
                                "--camunda.bpm.admin-user.password=a-long-production-password"))
                .awaitReady(Duration.ofMinutes(3))) {
            // the configured password works, and the id as password (Camunda's own default) does not
            assertThat(node.send("GET", "/api/backorders/none", null, "admin", "a-long-production-password")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(node.send("GET", "/api/backorders/none", null, "admin", "admin")
                            .statusCode())
                    .isEqualTo(401);

            // what a browser opening Tasklist gets: session and CSRF cookies only over TLS, HSTS on
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(node.uri("/camunda/app/tasklist/default/"))
                                    .build(),
                            BodyHandlers.ofString());
            List<String> cookies = page.headers().allValues("Set-Cookie");
            assertThat(cookies)
                    .isNotEmpty()
                    .allSatisfy(cookie -> assertThat(cookie).containsPattern("(?i);\\s*Secure(;|$)"));
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        }
    }

    private static void start(String password) {
        new SpringApplicationBuilder(BackorderEngineApplication.class)
                .profiles("production")
                .run("--spring.datasource.url=jdbc:h2:mem:production-defaults", "--server.port=0", "--" + password)
                .close();
    }
}
