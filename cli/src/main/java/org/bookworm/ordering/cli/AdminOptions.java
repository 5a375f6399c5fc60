package org.bookworm.ordering.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options every operator's verb shares: the database (an external PostgreSQL, or the embedded one in the data
 * directory, started for the verb when no server holds it) and how to print ({@code --verbose} is the root's).
 */
final class AdminOptions {
    @Option(
            names = "--postgres-url",
            defaultValue = "${env:ORDERING_POSTGRES_URL}",
            description =
                    "The deployment's PostgreSQL (jdbc:postgresql://...); default: the embedded one in --data-dir.")
    @Nullable
    String postgresUrl;

    @Option(
            names = "--data-dir",
            defaultValue = "${env:ORDERING_DATA_DIR:-data}",
            description = "The data directory of an embedded deployment (default: data, or $ORDERING_DATA_DIR).")
    Path dataDir = Path.of("data");

    @Option(names = "--output", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
    Output.Format output = Output.Format.TABLE;

    boolean json() {
        return output == Output.Format.JSON;
    }
}
