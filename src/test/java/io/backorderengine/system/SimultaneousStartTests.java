package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.backorderengine.support.ApplicationNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Three nodes started at the same moment on an empty database all come up, and set the installation up
 * once: one schema, one administrator, the groups, filters and authorizations once each, one deployment
 * of each model.
 */
@Tag("application")
class SimultaneousStartTests {

    private static final int NODES = 3;

    @Test
    void nodesStartedTogetherOnAnEmptyDatabaseAllComeUp() throws Exception {
        try (EmbeddedPostgres postgres =
                EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            List<ApplicationNode> nodes = new ArrayList<>();
            try {
                for (int i = 0; i < NODES; i++) {
                    nodes.add(ApplicationNode.start(
                            "together-" + i,
                            Path.of("target", "simultaneous-start"),
                            List.of(
                                    "--spring.profiles.active=postgres",
                                    "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                                    "--spring.datasource.username=postgres",
                                    "--camunda.bpm.admin-user.password=simultaneous-admin-password",
                                    "--backorder.node-name=together-" + i,
                                    "--spring.main.banner-mode=off",
                                    "--logging.level.root=warn")));
                }
                for (ApplicationNode node : nodes) {
                    node.awaitReady(Duration.ofMinutes(4));
                }
                SingleConnectionDataSource data = new SingleConnectionDataSource(
                        postgres.getJdbcUrl("postgres", "postgres"), "postgres", "", true);
                try {
                    JdbcTemplate db = new JdbcTemplate(data);
                    assertThat(db.queryForObject("select count(*) from ACT_ID_USER where ID_ = 'admin'", Integer.class))
                            .isEqualTo(1);
                    assertThat(db.queryForObject("select count(*) from ACT_ID_GROUP", Integer.class))
                            .isEqualTo(Roles.ALL.size());
                    assertThat(db.queryForObject("select count(*) from ACT_RU_FILTER", Integer.class))
                            .isEqualTo(EngineSetup.FILTERS.size());
                    assertThat(db.queryForObject(
                                    "select count(distinct VERSION_) from ACT_RE_PROCDEF where KEY_ = 'backorder'",
                                    Integer.class))
                            .isEqualTo(1);
                    assertThat(db.queryForObject("""
                            select count(*) from (select GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ from ACT_RU_AUTHORIZATION
                            where GROUP_ID_ is not null group by GROUP_ID_, RESOURCE_TYPE_, RESOURCE_ID_ having count(*) > 1) twice""", Integer.class))
                            .as("authorizations granted twice")
                            .isZero();
                } finally {
                    data.destroy();
                }
            } finally {
                for (ApplicationNode node : nodes) {
                    node.close();
                }
            }
        }
    }
}
