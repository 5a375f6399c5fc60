package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ordering serve} with and without {@code --partitions} on a database of its own (ADR 0034's update of
 * 2026-12-07): left out, each subscription keeps the count its database recorded, and a new one is split in eight;
 * given, it must match the recorded count, or the process refuses to start with one line.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ServePartitionsIT {
    private static final String COUNTS =
            "SELECT subscription || '=' || partitions FROM eventstore.subscription_partitions ORDER BY 1";
    /** Per subscription, how many partitions are held live and by how many owners. */
    private static final String HELD = "SELECT subscription || ' ' || count(*) || ' by ' || count(DISTINCT owner)"
            + " FROM eventstore.partition_leases WHERE expires_at > now() GROUP BY subscription ORDER BY 1";

    @TempDir
    Path dataDir;

    private ScratchDatabase database;

    @BeforeEach
    void createDatabase() throws SQLException {
        database = ScratchDatabase.create("ordering_partitions");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        database.close();
    }

    private record Served(int exit, String out, String err, List<String> counts, List<String> held) {}

    /** Runs {@code serve} on the database with the extra flags; while it serves, reads the counts and the leases. */
    private Served serve(String... flags) {
        var counts = new ArrayList<String>();
        var held = new ArrayList<String>();
        var wiring = new Wiring() {
            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) {
                try {
                    counts.addAll(database.rows(COUNTS));
                    held.addAll(database.rows(HELD));
                } catch (SQLException failed) {
                    throw new IllegalStateException(failed);
                }
            }
        };
        var args = new ArrayList<>(
                List.of("serve", "--postgres-url", database.url(), "--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        var run = OrderingCliTest.run(wiring, args.toArray(String[]::new));
        return new Served(run.exitCode(), run.out(), run.err(), counts, held);
    }

    private static List<String> each(List<String> subscriptions, String suffix) {
        return subscriptions.stream()
                .map(row -> row.substring(0, row.indexOf('=')) + suffix)
                .toList();
    }

    @Test
    void a_new_database_served_without_the_flag_splits_every_subscription_in_eight_held_by_the_one_process() {
        var served = serve();

        assertThat(served.exit()).as("%s%n%s", served.out(), served.err()).isZero();
        assertThat(served.counts())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).endsWith("=8"));
        assertThat(served.held()).containsExactlyElementsOf(each(served.counts(), " 8 by 1"));
    }

    @Test
    void a_database_recorded_with_one_partition_keeps_it_when_served_again_without_the_flag() {
        var first = serve("--partitions", "1");
        assertThat(first.exit()).as("%s%n%s", first.out(), first.err()).isZero();
        assertThat(first.counts())
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row).endsWith("=1"));

        var again = serve();

        assertThat(again.exit()).as("%s%n%s", again.out(), again.err()).isZero();
        assertThat(again.counts()).isEqualTo(first.counts());
        assertThat(again.held()).containsExactlyElementsOf(each(first.counts(), " 1 by 1"));
    }

    @Test
    void another_count_given_than_the_recorded_one_refuses_to_start_with_one_line_and_exit_2() throws SQLException {
        assertThat(serve().exit()).isZero();

        var refused = serve("--partitions", "4");

        assertThat(refused.exit()).as("%s%n%s", refused.out(), refused.err()).isEqualTo(2);
        assertThat(refused.err().strip().lines())
                .singleElement()
                .satisfies(line -> assertThat(line)
                        .startsWith("ordering: ")
                        .contains(" is split into 8 partitions, not 4: every process must use the same --partitions,"
                                + " or leave it out to take the recorded count"));
        assertThat(refused.out()).doesNotContain("serving gRPC");
        assertThat(database.rows(COUNTS)).allSatisfy(row -> assertThat(row).endsWith("=8"));
    }
}
