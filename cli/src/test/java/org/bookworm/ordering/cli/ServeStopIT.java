package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ordering serve} asked to stop (SIGTERM, as Ctrl-C or an orchestrator asks) closes in order: its partition
 * leases released, so another replica need not wait for them to lapse, and then its embedded PostgreSQL stopped.
 * Before, the embedded database's own shutdown hook stopped PostgreSQL while the stack was still releasing, which
 * failed with a warning and a stack trace per lease and left the leases to lapse.
 */
class ServeStopIT {
    @TempDir
    Path dataDir;

    @Test
    void a_sigterm_releases_the_leases_before_the_embedded_database_stops() throws Exception {
        int port = ServeDurabilityIT.freePort();
        Path log = dataDir.resolve("serve.log");
        Process serve = ServeClient.startServing(
                ServeClient.serveCommand(List.of(), "--data-dir", dataDir.toString(), "--port", String.valueOf(port)),
                log,
                port);
        try {
            try (var client = new ServeClient(port, dataDir, UUID.randomUUID())) {
                client.createBuyer();
                client.awaitStatus(client.placeOrder("before-the-stop"), OrderStatus.ORDER_STATUS_CONFIRMED);
            }
            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(90, TimeUnit.SECONDS)).as("serve stopped").isTrue();
        } finally {
            if (serve.isAlive()) {
                serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            LeftoverPostmaster.stop(dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR));
        }

        assertThat(Files.readString(log)).as("serve's log").doesNotContain("could not release");
        try (var database = EmbeddedDatabase.start(dataDir);
                var connection = DriverManager.getConnection(database.jdbcUrl());
                var statement = connection.createStatement();
                var unreleased = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE expires_at <> 'epoch')"
                        + " FROM eventstore.partition_leases")) {
            unreleased.next();
            assertThat(unreleased.getLong(1)).as("leases the server held").isPositive();
            assertThat(unreleased.getLong(2)).as("leases left to lapse").isZero();
        }
    }
}
