package io.backorderengine.system;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A Flyway migration written in Java, as a Spring bean (Boot hands such beans to Flyway): for what SQL
 * alone cannot say on both databases. Runs in a transaction; no checksum (the code is the migration).
 */
abstract class CodeMigration implements JavaMigration {

    private final MigrationVersion version;
    private final String description;

    CodeMigration(String version, String description) {
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    @Override
    public MigrationVersion getVersion() {
        return version;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }
}
