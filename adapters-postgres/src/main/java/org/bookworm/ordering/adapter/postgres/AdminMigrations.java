package org.bookworm.ordering.adapter.postgres;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateOutput;

/** Flyway's own API over our one history of the five schemas, for {@code ordering db migrate|info|validate}. */
final class AdminMigrations {
    private AdminMigrations() {}

    /** Applies what is pending; returns how many migrations ran. */
    static int migrate(DataSource dataSource) {
        return Pools.flyway(dataSource).migrate().migrationsExecuted;
    }

    /** Every migration Flyway knows of, applied or pending, in version order. */
    static List<Migration> info(DataSource dataSource) {
        Flyway flyway = Pools.flyway(dataSource);
        String schemas = String.join(",", flyway.getConfiguration().getSchemas());
        return Arrays.stream(flyway.info().all())
                .map(info -> row(info, schemas))
                .toList();
    }

    /** What does not match between the scripts and the history (empty when valid). */
    static List<String> validate(DataSource dataSource) {
        var result = Pools.flyway(dataSource).validateWithResult();
        if (result.validationSuccessful) {
            return List.of();
        }
        var problems =
                result.invalidMigrations.stream().map(AdminMigrations::problem).toList();
        return problems.isEmpty() ? List.of(result.getAllErrorMessages()) : problems;
    }

    private static String problem(ValidateOutput invalid) {
        String version = invalid.version == null || invalid.version.isEmpty() ? "" : "V" + invalid.version + " ";
        return version + invalid.description + ": " + invalid.errorDetails.errorMessage;
    }

    private static Migration row(MigrationInfo info, String schemas) {
        return new Migration(
                info.getVersion() == null ? "" : info.getVersion().getVersion(),
                info.getDescription(),
                info.getState().getDisplayName(),
                info.getInstalledOn() == null ? null : info.getInstalledOn().toInstant(),
                schemas);
    }
}
