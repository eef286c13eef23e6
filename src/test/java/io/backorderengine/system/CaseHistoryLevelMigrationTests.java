package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

import io.backorderengine.support.ApplicationTest;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An installation that ran with the engine's {@code full} history starts after the upgrade: the stored
 * level moves to the product's, so the engine does not refuse to start. Run on the test database (H2 or
 * PostgreSQL) inside a transaction that is rolled back, so the running engine's stored level stays.
 */
class CaseHistoryLevelMigrationTests extends ApplicationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void aDatabaseLeftAtFullHistoryIsMovedToTheCaseHistoryLevel() throws SQLException {
        assertThat(storedLevelAfterMigratingFrom("3")).isEqualTo(String.valueOf(CaseHistoryLevel.ID));
    }

    @Test
    void aLevelAnOperatorChoseOnPurposeIsLeftForTheEngineToReport() throws SQLException {
        assertThat(storedLevelAfterMigratingFrom("1")).isEqualTo("1");
    }

    private String storedLevelAfterMigratingFrom(String level) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcClient jdbc = JdbcClient.create(new SingleConnectionDataSource(connection, true));
                jdbc.sql("update ACT_GE_PROPERTY set VALUE_ = ? where NAME_ = 'historyLevel'")
                        .param(level)
                        .update();
                new CaseHistoryLevelMigration().migrate(new Context() {
                    @Override
                    public Configuration getConfiguration() {
                        return null;
                    }

                    @Override
                    public Connection getConnection() {
                        return connection;
                    }
                });
                return jdbc.sql("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'")
                        .query(String.class)
                        .single();
            } finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
