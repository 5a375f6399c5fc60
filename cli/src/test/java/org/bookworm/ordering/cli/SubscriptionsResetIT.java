package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** {@code ordering subscriptions reset}: moves a checkpoint, refuses while a server runs it or when it would skip. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SubscriptionsResetIT {
    private static final String CHECKPOINT =
            "SELECT last_position FROM eventstore.checkpoints WHERE subscription = 'checkout-saga'";
    private ScratchDatabase database;

    @BeforeEach
    void seed() throws Exception {
        database = ScratchDatabase.create("ordering_reset");
        Seeds.orders(database.url(), 3);
    }

    @AfterEach
    void drop() throws Exception {
        database.close();
    }

    @Test
    void reset_moves_back_and_refuses_to_skip_forward_without_force() throws Exception {
        var forward = run(
                new Wiring(), "subscriptions", "reset", "checkout-saga", "--to", "8", "--postgres-url", database.url());
        assertThat(forward.exitCode()).isEqualTo(1);
        assertThat(forward.err().lines()).singleElement().asString().contains("would skip events");
        assertThat(database.rows(CHECKPOINT)).isEmpty();

        var forced = run(
                new Wiring(),
                "subscriptions",
                "reset",
                "checkout-saga",
                "--to",
                "8",
                "--force",
                "--postgres-url",
                database.url());
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(database.rows(CHECKPOINT)).containsExactly("8");

        var back = run(
                new Wiring(),
                "subscriptions",
                "reset",
                "checkout-saga",
                "--to",
                "2000-01-01T00:00:00Z",
                "--postgres-url",
                database.url());
        assertThat(back.exitCode()).as(back.err()).isZero();
        assertThat(back.out()).contains("from position 8 to 0");
        assertThat(database.rows(CHECKPOINT)).containsExactly("0");
    }

    @Test
    void a_running_server_makes_it_busy_naming_the_connection_unless_forced() throws Exception {
        try (var server = PostgresAdapters.startWithoutGroupCommit(
                PostgresConfig.fromEnv(System.getenv()).withUrl(database.url()))) {
            assertThat(server.eventLog()).isNotNull(); // the server's pool keeps a connection open meanwhile
            var busy = run(
                    new Wiring(),
                    "subscriptions",
                    "reset",
                    "checkout-saga",
                    "--to",
                    "0",
                    "--postgres-url",
                    database.url());
            assertThat(busy.exitCode()).isEqualTo(3);
            assertThat(busy.err().lines()).singleElement().asString().contains("server connection pid", "--force");
            assertThat(database.rows(CHECKPOINT)).isEmpty();

            var forced = run(
                    new Wiring(),
                    "subscriptions",
                    "reset",
                    "checkout-saga",
                    "--to",
                    "0",
                    "--force",
                    "--postgres-url",
                    database.url());
            assertThat(forced.exitCode()).as(forced.err()).isZero();
        }
    }

    @Test
    void bad_points_are_one_line_exit_2_and_change_nothing() throws Exception {
        for (String to : new String[] {"99999", "tomorrow", "2999-01-01T00:00:00Z"}) {
            var bad = run(
                    new Wiring(),
                    "subscriptions",
                    "reset",
                    "checkout-saga",
                    "--to",
                    to,
                    "--postgres-url",
                    database.url());
            assertThat(bad.exitCode()).as(to).isEqualTo(2);
            assertThat(bad.err().lines()).as(to).hasSize(1);
        }
        var unknown =
                run(new Wiring(), "subscriptions", "reset", "nope", "--to", "0", "--postgres-url", database.url());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(database.rows(CHECKPOINT)).isEmpty();
    }
}
