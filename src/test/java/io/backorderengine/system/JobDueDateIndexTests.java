package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job executor finds due jobs through an index: every job has a due date, and a job an earlier
 * release wrote without one is due at start instead of never running.
 */
class JobDueDateIndexTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void everyJobHasADueDateAndOneWrittenWithoutIsDueAtStart() {
        String orderId = Catalog.unique("ORD");
        var runtime = processEngine.getRuntimeService();
        assertThat(api.placeOrder(orderId, "STANDARD", new Api.Line("1", catalog.product(0), 1))
                        .status())
                .isEqualTo(201);
        String instance = instanceId(orderId + "-1");
        await().until(() -> runtime.createExecutionQuery()
                        .processInstanceId(instance)
                        .activityId("Event_MaxWaitReached")
                        .count()
                == 1);
        assertThat(jdbc.sql("select count(*) from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ?")
                        .param(instance)
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(jdbc.sql("select count(*) from ACT_RU_JOB where DUEDATE_ is null")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(processEngine.getProcessEngineConfiguration().isEnsureJobDueDateNotNull())
                .isTrue();
        assertThat(indexesOfTheJobTable()).contains("ACT_IDX_JOB_DUEDATE");

        // the case is held, and one of its jobs made to look as an earlier release wrote it
        runtime.suspendProcessInstanceById(instance);
        try {
            String job = jdbc.sql("select ID_ from ACT_RU_JOB where PROCESS_INSTANCE_ID_ = ? fetch first 1 rows only")
                    .param(instance)
                    .query(String.class)
                    .single();
            jdbc.sql("update ACT_RU_JOB set DUEDATE_ = null where ID_ = ?")
                    .param(job)
                    .update();

            new JobDueDateIndex().postProcessEngineBuild(processEngine);

            Date due = processEngine
                    .getManagementService()
                    .createJobQuery()
                    .jobId(job)
                    .singleResult()
                    .getDuedate();
            assertThat(due).isNotNull().isBeforeOrEqualTo(ClockUtil.getCurrentTime());
        } finally {
            runtime.deleteProcessInstance(instance, "test over");
        }
    }

    private List<String> indexesOfTheJobTable() {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : new String[] {"ACT_RU_JOB", "act_ru_job"}) {
                try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (indexes.next()) {
                        names.add(indexes.getString("INDEX_NAME").toUpperCase(Locale.ROOT));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
