package io.backorderengine.system;

import java.util.List;

/** A migration of running cases refused before anything was written (see {@link MigrationGuard}). */
public class InvalidMigration extends EngineRefusal {

    InvalidMigration(List<Problems.FieldError> errors) {
        super("the migration", errors);
    }
}
