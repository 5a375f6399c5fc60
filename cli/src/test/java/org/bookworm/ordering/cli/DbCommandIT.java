package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordering db migrate|info|validate} on an empty database of its own. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DbCommandIT {
    private ScratchDatabase database;

    @TempDir
    Path emptyDir;

    @BeforeEach
    void create() throws SQLException {
        database = ScratchDatabase.create("ordering_db");
    }

    @AfterEach
    void drop() throws SQLException {
        database.close();
    }

    @Test
    void info_lists_pending_migrations_validate_fails_until_migrate_applies_them() throws Exception {
        var pending = run(new Wiring(), "db", "info", "--postgres-url", database.url());
        assertThat(pending.exitCode()).as(pending.err()).isZero();
        assertThat(pending.out()).contains("Pending", "schemas and event store", "dead letter drops");
        assertThat(database.rows("SELECT to_regclass('eventstore.events')")).containsExactly("null");

        var invalid = run(new Wiring(), "db", "validate", "--postgres-url", database.url());
        assertThat(invalid.exitCode()).isEqualTo(5);
        assertThat(invalid.out()).contains("invalid:");

        var migrate = run(new Wiring(), "db", "migrate", "--postgres-url", database.url());
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        assertThat(migrate.out()).matches("(?s)applied \\d+ migrations\\s*");

        var applied = run(new Wiring(), "db", "info", "--postgres-url", database.url(), "--output", "json");
        var rows = new ObjectMapper().readTree(applied.out());
        assertThat(rows)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.get("state").asText()).isEqualTo("Success"));
        assertThat(run(new Wiring(), "db", "validate", "--postgres-url", database.url())
                        .exitCode())
                .isZero();
        assertThat(run(new Wiring(), "db", "migrate", "--postgres-url", database.url())
                        .out())
                .contains("up to date");
    }

    @Test
    void an_unreachable_database_is_one_line_and_exit_4() {
        var down = run(
                new Wiring(), "db", "info", "--postgres-url", "jdbc:postgresql://127.0.0.1:1/nothing?password=s3cret");
        assertThat(down.exitCode()).isEqualTo(4);
        assertThat(down.err().lines())
                .singleElement()
                .asString()
                .contains("unreachable")
                .doesNotContain("s3cret");
    }

    @Test
    void a_data_directory_without_a_database_is_a_usage_error_that_creates_nothing() {
        var none = run(new Wiring(), "db", "info", "--data-dir", emptyDir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err().lines()).singleElement().asString().contains("no embedded database");
        assertThat(emptyDir.resolve("postgres")).doesNotExist();
    }

    @Test
    void a_bad_output_format_is_a_usage_error() {
        var bad = run(new Wiring(), "db", "info", "--postgres-url", database.url(), "--output", "yaml");
        assertThat(bad.exitCode()).isEqualTo(2);
    }
}
