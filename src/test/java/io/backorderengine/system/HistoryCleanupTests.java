package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's history cleanup removes what an ended process left once its time to live has passed,
 * counted from its end, and never a running process's history, however long it runs.
 */
class HistoryCleanupTests extends ApplicationTest {

    private final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeDeployments() {
        deployments.forEach(id -> processEngine.getRepositoryService().deleteDeployment(id, true, true));
    }

    @Test
    void anEndedProcessPastItsTimeToLiveIsRemovedWhileARunningOneAndOneStillWithinItAreKept() {
        String expiring = deploy("cleanupExpiring", "P0D", "endEvent");
        String waiting = deploy("cleanupWaiting", "P0D", "userTask");
        String recent = deploy("cleanupRecent", "P1D", "endEvent");
        RuntimeService runtime = processEngine.getRuntimeService();
        String ended = runtime.startProcessInstanceByKey(expiring).getId();
        String running = runtime.startProcessInstanceByKey(waiting).getId();
        String endedRecently = runtime.startProcessInstanceByKey(recent).getId();
        HistoryService history = processEngine.getHistoryService();
        assertThat(historyOf(ended)).isEqualTo(1);

        history.cleanUpHistoryAsync(true);

        await().until(() -> historyOf(ended) == 0);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(ended)
                        .count())
                .isZero();
        assertThat(historyOf(running)).isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(running)
                        .count())
                .isEqualTo(2);
        assertThat(historyOf(endedRecently)).isEqualTo(1);
    }

    private long historyOf(String processInstanceId) {
        return processEngine
                .getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId)
                .count();
    }

    /**
     * A process of one step after its start (an element named {@code stepElement}), with the given time to
     * live; returns its key.
     */
    private String deploy(String name, String timeToLive, String stepElement) {
        String key = name + Catalog.unique("").replace("-", "");
        RepositoryService repository = processEngine.getRepositoryService();
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="tests">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="%s">
                    <startEvent id="StartEvent_Probe"/>
                    <sequenceFlow id="Flow_ToStep" sourceRef="StartEvent_Probe" targetRef="Step_Probe"/>
                    <%s id="Step_Probe"/>
                  </process>
                </definitions>""".formatted(key, timeToLive, stepElement);
        deployments.add(repository
                .createDeployment()
                .name(key)
                .addString(key + ".bpmn", bpmn)
                .deploy()
                .getId());
        return key;
    }
}
