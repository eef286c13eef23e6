package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.backorderengine.support.ApplicationTest;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;

/** The engine runs with the settings that close its known holes, whatever the profile (they are shared). */
class EngineHardeningTests extends ApplicationTest {

    @Test
    void theEngineRunsWithTheHardeningSettings() {
        var engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();

        assertThat(engine.isAuthorizationEnabled()).isTrue();
        assertThat(engine.getDefaultUserPermissionNameForTask()).isEqualTo("TASK_WORK");
        assertThat(engine.isEnableExpressionsInAdhocQueries()).isFalse();
        // stored filters may hold the three expressions QueryExpressionGuard allows, nothing else
        assertThat(engine.isEnableExpressionsInStoredQueries()).isTrue();
        assertThat(engine.isJavaSerializationFormatEnabled()).isFalse();
        assertThat(engine.getQueryMaxResultsLimit()).isEqualTo(2000);
    }
}
