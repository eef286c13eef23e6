package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Incident;
import org.junit.jupiter.api.Test;

/**
 * Failed-job incidents still open, resolve and go away with their job, though the lookup is skipped
 * for a job that has retries left.
 */
class FailedJobIncidentsTests extends ApplicationTest {

    @Test
    void aTimerOutOfRetriesHasAnIncidentThatRaisingItsRetriesResolves() {
        var configuration = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
        assertThat(configuration.getIncidentHandler(Incident.FAILED_JOB_HANDLER_TYPE))
                .isInstanceOf(FailedJobIncidents.Handler.class);
        String caseId = waitingCase(catalog.product(0), 1);
        String timer = maxWaitTimer(instanceId(caseId));
        ManagementService management = processEngine.getManagementService();

        management.setJobRetries(timer, 0);
        assertThat(openIncidents(timer)).isEqualTo(1);

        management.setJobRetries(timer, 2);
        assertThat(openIncidents(timer)).isZero();
        assertThat(processEngine
                        .getHistoryService()
                        .createHistoricIncidentQuery()
                        .configuration(timer)
                        .resolved()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aWokenCaseWhoseTimerRanOutOfRetriesLeavesNoIncident() {
        String sku = catalog.product(0);
        String caseId = waitingCase(sku, 1);
        String instance = instanceId(caseId);
        String timer = maxWaitTimer(instance);
        processEngine.getManagementService().setJobRetries(timer, 0);
        assertThat(openIncidents(timer)).isEqualTo(1);

        assertThat(api.receive(Catalog.unique("RCPT"), sku, 1).status()).isEqualTo(201);

        await().until(() -> api.status(caseId).equals("FULFILLED"));
        awaitProcessEnded(caseId);
        assertThat(processEngine
                        .getRuntimeService()
                        .createIncidentQuery()
                        .processInstanceId(instance)
                        .count())
                .isZero();
    }

    private String maxWaitTimer(String instance) {
        return processEngine
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .activityId("Event_MaxWaitReached")
                .timers()
                .singleResult()
                .getId();
    }

    private long openIncidents(String jobId) {
        RuntimeService runtime = processEngine.getRuntimeService();
        return runtime.createIncidentQuery()
                .incidentType(Incident.FAILED_JOB_HANDLER_TYPE)
                .configuration(jobId)
                .count();
    }
}
