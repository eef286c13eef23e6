package io.backorderengine.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the job executor's look for due jobs from reading every job. Each waiting case holds timers (its
 * maximum wait, its next reminder), so the job table grows with the waiting line; the engine's acquisition
 * query asks for {@code DUEDATE_ is null or DUEDATE_ <= now}, which no index answers, and read the whole
 * table on every acquisition (a tenth of a busy node's CPU with a few thousand cases waiting, measured).
 *
 * <p>With {@code ensureJobDueDateNotNull} every job gets a due date (an async step: now) and the query
 * drops the {@code is null} branch; an index on the due date then finds the due jobs alone. Jobs written
 * before (by an earlier release) get a due date of now, or they would never run. The index is created
 * after the engine has created or checked its tables, and before its job executor starts; on PostgreSQL
 * nodes starting together do this one at a time ({@link StartupLock}).
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(JobDueDateIndex.class);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration =
                (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        String table = configuration.getDatabaseTablePrefix() + "ACT_RU_JOB";
        try (Connection connection = configuration.getDataSource().getConnection()) {
            connection.setAutoCommit(true);
            try (Statement index = connection.createStatement()) {
                index.execute("create index if not exists ACT_IDX_JOB_DUEDATE on " + table + " (DUEDATE_)");
            }
            try (PreparedStatement due =
                    connection.prepareStatement("update " + table + " set DUEDATE_ = ? where DUEDATE_ is null")) {
                due.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
                int updated = due.executeUpdate();
                if (updated > 0) {
                    log.info("{} job(s) written without a due date are due now", updated);
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not index the jobs' due dates", e);
        }
    }
}
