package io.backorderengine.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.AcquirableJobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * The engine's handling of failed-job incidents, but for one question it no longer asks.
 *
 * <p>Whenever a job goes away (done, or removed with its scope, as a waiting case's timers are when stock
 * wakes it), the engine asks the database for the incidents configured with the job's id, to resolve or
 * delete them. Such an incident exists only while the job has no retries left: the engine opens it when
 * the retries reach 0 and resolves it when they are raised again. So for a job this command holds with
 * retries left, the answer is always none, and the question is one round trip for every job the product
 * runs and for every timer of a woken case. A job that is not at hand, or has no retries left, is handled as
 * the engine does.
 */
@Component
class FailedJobIncidents extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<IncidentHandler> handlers = new ArrayList<>();
        if (configuration.getCustomIncidentHandlers() != null) {
            handlers.addAll(configuration.getCustomIncidentHandlers());
        }
        // custom handlers replace the engine's default for their type
        handlers.add(new Handler());
        configuration.setCustomIncidentHandlers(handlers);
    }

    /** The engine's default handler for failed jobs, skipping the lookup for a job with retries left. */
    static final class Handler extends DefaultIncidentHandler {

        Handler() {
            super(Incident.FAILED_JOB_HANDLER_TYPE);
        }

        @Override
        protected void removeIncident(IncidentContext context, boolean incidentResolved) {
            if (hasRetriesLeft(context.getConfiguration())) {
                return;
            }
            super.removeIncident(context, incidentResolved);
        }

        private static boolean hasRetriesLeft(String jobId) {
            if (jobId == null || Context.getCommandContext() == null) {
                return false;
            }
            AcquirableJobEntity held =
                    Context.getCommandContext().getDbEntityManager().getCachedEntity(AcquirableJobEntity.class, jobId);
            return held instanceof JobEntity job && job.getRetries() > 0;
        }
    }
}
