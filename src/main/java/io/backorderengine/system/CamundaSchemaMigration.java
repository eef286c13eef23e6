package io.backorderengine.system;

import java.sql.Connection;
import java.util.List;

import org.flywaydb.core.api.migration.Context;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Creates Camunda's tables with the SQL scripts Camunda ships inside the engine jar (nothing copied),
 * as one Flyway migration: on a database several nodes share, Flyway's lock makes exactly one node
 * create the schema, and the history table records it. Used by the {@code postgres} profile
 * ({@code backorder.database.camunda-schema=flyway}); the embedded default lets the engine create its
 * tables itself ({@code schema-update}). A Camunda upgrade adds a migration that runs the engine jar's
 * {@code db/upgrade/postgres_engine_<from>_to_<to>.sql} the same way.
 */
@Component
@ConditionalOnProperty(name = "backorder.database.camunda-schema", havingValue = "flyway")
class CamundaSchemaMigration extends CodeMigration {

    private static final List<String> COMPONENTS = List.of(
            "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

    CamundaSchemaMigration() {
        super("0.1", "Camunda 7.24 schema from the engine's own scripts");
    }

    @Override
    public void migrate(Context context) {
        Connection connection = context.getConnection();
        for (String component : COMPONENTS) {
            ScriptUtils.executeSqlScript(
                    connection,
                    new ClassPathResource(
                            "org/camunda/bpm/engine/db/create/activiti.postgres.create." + component + ".sql"));
        }
    }
}
