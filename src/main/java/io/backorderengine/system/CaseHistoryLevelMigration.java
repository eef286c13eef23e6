package io.backorderengine.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves an installation that ran with the engine's {@code full} history to {@link CaseHistoryLevel}. The
 * engine stores its history level and refuses to start when the configured one differs, so the stored
 * value changes with the release that changes the configuration. History written so far stays. A new
 * database has no engine tables yet when this runs (the engine creates them, and stores the level, after
 * our migrations): nothing to do.
 */
@Component
class CaseHistoryLevelMigration extends CodeMigration {

    private static final Logger log = LoggerFactory.getLogger(CaseHistoryLevelMigration.class);
    private static final int FULL = 3;

    CaseHistoryLevelMigration() {
        super("9", "case history level");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        if (!engineTablesExist(connection)) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update ACT_GE_PROPERTY set VALUE_ = ? where NAME_ = 'historyLevel' and VALUE_ = ?")) {
            update.setString(1, String.valueOf(CaseHistoryLevel.ID));
            update.setString(2, String.valueOf(FULL));
            if (update.executeUpdate() > 0) {
                log.info("Engine history level changed from full to {}", CaseHistoryLevel.NAME);
            }
        }
    }

    private static boolean engineTablesExist(Connection connection) throws SQLException {
        for (String name : new String[] {"ACT_GE_PROPERTY", "act_ge_property"}) {
            try (ResultSet tables =
                    connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
