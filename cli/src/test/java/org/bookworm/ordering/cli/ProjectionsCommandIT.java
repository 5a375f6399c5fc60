package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * {@code ordering projections list|status|rebuild} on a database of its own with 2,401 events: a rebuild killed after
 * its first batch resumes and ends with the read model a fresh rebuild makes.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ProjectionsCommandIT {
    private static final int ORDERS = 600;
    private static final String ROWS =
            "SELECT order_id, buyer_id, status, placed_at, version, deleted, view::text FROM ordering.order_views"
                    + " ORDER BY order_id";
    private static ScratchDatabase database;

    @BeforeAll
    static void seed() throws Exception {
        database = ScratchDatabase.create("ordering_projections");
        Seeds.orders(database.url(), ORDERS);
    }

    @AfterAll
    static void drop() throws Exception {
        database.close();
    }

    /** Kills the rebuild (as a kill -9 would, between committed batches) once it has replayed 1,000 events. */
    static final class KillingWiring extends Wiring {
        @Override
        RebuildReporter rebuildReporter(PrintWriter err, String projection, boolean bar) {
            return new RebuildReporter(err, projection, false) {
                @Override
                public void replayed(long events) {
                    super.replayed(events);
                    if (events >= 1_000) {
                        throw new IllegalStateException("killed by the test");
                    }
                }
            };
        }
    }

    @Test
    void a_killed_rebuild_resumes_and_ends_equal_to_a_fresh_rebuild() throws Exception {
        var killed = rebuildInBatchesOf1000(new KillingWiring());
        assertThat(killed.exitCode()).isEqualTo(4);
        assertThat(killed.err()).contains("rebuilding order-views: 2400 events to replay");
        assertThat(database.rows(ROWS)).isEmpty(); // the live table is untouched until the swap

        var status = run(new Wiring(), "projections", "status", "order-views", "--postgres-url", database.url());
        assertThat(status.out()).contains("state:       rebuilding", "interrupted at position 1000");

        var resumed = rebuildInBatchesOf1000(new Wiring());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.err()).contains("resuming the rebuild of order-views: 1400 events to replay");
        assertThat(resumed.out()).contains("replayed 1400 events");
        List<String> afterResume = database.rows(ROWS);
        assertThat(afterResume).hasSize(ORDERS);

        var fresh = run(
                new Wiring(), "projections", "rebuild", "order-views", "--restart", "--postgres-url", database.url());
        assertThat(fresh.exitCode()).as(fresh.err()).isZero();
        assertThat(fresh.out()).contains("replayed 2400 events");
        assertThat(database.rows(ROWS)).isEqualTo(afterResume);

        var list = run(new Wiring(), "projections", "list", "--postgres-url", database.url(), "--output", "json");
        var views = new ObjectMapper()
                .readTree(list.out()).findParents("name").stream()
                        .filter(node -> node.get("name").asText().equals("order-views"))
                        .findFirst()
                        .orElseThrow();
        assertThat(views.get("lagEvents").asLong()).isZero();
        assertThat(views.get("rebuildPosition").isNull()).isTrue();
    }

    /** The order views rebuilt in batches of 1,000 events, so the kill above lands after the first of three. */
    private static OrderingCliTest.Run rebuildInBatchesOf1000(Wiring wiring) {
        return run(
                wiring,
                "projections",
                "rebuild",
                "order-views",
                "--batch-size",
                "1000",
                "--postgres-url",
                database.url());
    }

    @Test
    void list_shows_every_subscription_with_its_lag_state_and_owner() {
        var list = run(new Wiring(), "projections", "list", "--postgres-url", database.url());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .contains("checkout-saga", "notifications", "basket-clearing", "buyer-views")
                .contains("none (no server connected)");
        assertThat(list.out().lines().filter(line -> line.startsWith("checkout-saga")))
                .singleElement()
                .asString()
                .contains(" 0 ", "stopped", "2401");
    }

    @Test
    void a_second_rebuild_while_one_runs_is_busy_naming_its_backend() throws Exception {
        try (var other = java.sql.DriverManager.getConnection(database.url());
                var statement = other.createStatement()) {
            // what a running rebuild holds for its whole length
            statement.execute("SELECT pg_advisory_lock(" + 0x0b00d + ", hashtext('order-views'))");
            var busy = run(new Wiring(), "projections", "rebuild", "order-views", "--postgres-url", database.url());
            assertThat(busy.exitCode()).isEqualTo(3);
            assertThat(busy.err().lines())
                    .singleElement()
                    .asString()
                    .contains("another rebuild of order-views is running (backend pid ");
        }
    }

    @Test
    void a_batch_size_out_of_range_is_one_line_and_exit_2_and_starts_nothing() throws Exception {
        for (String size : List.of("0", "-1", "100001", "99999999999")) {
            var rebuild = run(
                    new Wiring(),
                    "projections",
                    "rebuild",
                    "buyer-views",
                    "--batch-size",
                    size,
                    "--postgres-url",
                    database.url());
            assertThat(rebuild.exitCode()).as(size).isEqualTo(2);
            assertThat(rebuild.err().lines().findFirst().orElse("")).as(size).contains("--batch-size");
        }
        assertThat(database.rows(
                        "SELECT subscription FROM eventstore.checkpoints WHERE subscription = 'buyer-views#rebuild'"))
                .isEmpty();
    }

    @Test
    void an_unknown_projection_is_one_line_and_exit_2() {
        var status = run(new Wiring(), "projections", "status", "nope", "--postgres-url", database.url());
        assertThat(status.exitCode()).isEqualTo(2);
        assertThat(status.err().lines()).singleElement().asString().contains("no projection or subscription 'nope'");
        var rebuild = run(new Wiring(), "projections", "rebuild", "checkout-saga", "--postgres-url", database.url());
        assertThat(rebuild.exitCode()).isEqualTo(2);
        assertThat(rebuild.err().lines()).singleElement().asString().contains("order-views");
    }
}
