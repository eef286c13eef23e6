package io.backorderengine.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names the node in the job locks it takes ({@code ACT_RU_JOB.LOCK_OWNER_}). Camunda's default is a
 * random id per start; with several nodes on one database, an operator looking at a stuck or slow
 * job wants to know which node holds it. Default: the host name (a container's pod name) and the
 * process id; set {@code backorder.node-name} to choose.
 */
@Component
class JobLockOwner extends AbstractProcessEnginePlugin {

    private final String nodeName;

    JobLockOwner(SystemSettings settings) {
        String configured = settings.nodeName();
        this.nodeName = configured == null || configured.isBlank() ? defaultName() : configured;
    }

    private static String defaultName() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "node" : host) + ":"
                + ProcessHandle.current().pid();
    }

    /** postInit, not preInit: the Spring Boot starter sets its job executor in its own preInit. */
    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(nodeName);
        }
    }
}
