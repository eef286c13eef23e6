package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import io.backorderengine.BackorderEngineApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

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
    void theSharedSettingsAreTheHardenedOnes() throws IOException {
        PropertySource<?> settings = new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yaml")).get(0);

        assertThat(settings.getProperty("camunda.bpm.admin-user.password")).isEqualTo("${BACKORDER_ADMIN_PASSWORD:}");
        assertThat(settings.getProperty("camunda.bpm.authorization.enabled")).isEqualTo(true);
        String engine = "camunda.bpm.generic-properties.properties.";
        assertThat(settings.getProperty(engine + "defaultUserPermissionNameForTask")).isEqualTo("TASK_WORK");
        assertThat(settings.getProperty(engine + "enableExpressionsInAdhocQueries")).isEqualTo(false);
        assertThat(settings.getProperty(engine + "enableExpressionsInStoredQueries")).isEqualTo(false);
        assertThat(settings.getProperty(engine + "javaSerializationFormatEnabled")).isEqualTo(false);
        assertThat(settings.getProperty(engine + "queryMaxResultsLimit")).isEqualTo(2000);
        assertThat(settings.getProperty("camunda.bpm.webapp.session-cookie.enable-secure-cookie")).isEqualTo(true);
        assertThat(settings.getProperty("camunda.bpm.webapp.csrf.enable-secure-cookie")).isEqualTo(true);
        assertThat(settings.getProperty("camunda.bpm.webapp.header-security.hsts-disabled")).isEqualTo(false);
        assertThat(settings.getProperty("server.servlet.session.cookie.secure")).isEqualTo(true);
    }

    private static void start(String password) {
        new SpringApplicationBuilder(BackorderEngineApplication.class)
                .profiles("production")
                .run("--spring.datasource.url=jdbc:h2:mem:production-defaults", "--server.port=0", "--" + password)
                .close();
    }
}
