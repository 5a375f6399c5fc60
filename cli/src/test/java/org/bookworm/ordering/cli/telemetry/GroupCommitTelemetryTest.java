package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The group-commit batch size as Telemetry exports it, fed by a real PostgreSQL-backed group committer. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class GroupCommitTelemetryTest {
    private static final String ADMIN_URL =
            System.getenv().getOrDefault("ORDERING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private static final int APPENDS = 200;

    private final String database = "telemetry_gc_"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void create() throws SQLException {
        execute("CREATE DATABASE " + database);
    }

    @AfterEach
    void drop() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void every_append_through_the_group_committer_is_counted_once_in_the_batch_size_of_its_commit() throws Exception {
        var config = new PostgresConfig(ADMIN_URL.replace("/postgres?", "/" + database + "?"), "", "", 8);
        try (var pg = PostgresAdapters.start(config);
                var telemetry = Telemetry.of(meters, OpenTelemetry.noop())) {
            telemetry.watch(pg, List.of(), Clock.systemUTC());
            try (var callers = Executors.newFixedThreadPool(16)) {
                for (int i = 0; i < APPENDS; i++) {
                    callers.submit(() -> appendOne(pg));
                }
                callers.shutdown();
                assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
        }

        DistributionSummary batches =
                meters.find("ordering.event_store.group_commit.batch_size").summary();
        assertThat(batches).isNotNull();
        assertThat(batches.totalAmount()).isEqualTo(APPENDS);
        assertThat(batches.count()).isBetween(1L, (long) APPENDS);
        assertThat(batches.getId().getBaseUnit()).isEqualTo("appends");
        Timer commits =
                meters.find("ordering.event_store.group_commit.duration").timer();
        assertThat(commits).isNotNull();
        assertThat(commits.count()).isEqualTo(batches.count());
    }

    private static long appendOne(PostgresAdapters pg) {
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        var event = new NewEvent(
                UUID.randomUUID(),
                new OrderEvent.OrderDeleted(new OrderId(stream.id()), Instant.EPOCH),
                new Metadata("admin", List.of("admin"), UUID.randomUUID(), null, "req-1"));
        return pg.eventStore().append(stream, 0, List.of(event));
    }

    private static void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(ADMIN_URL);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
