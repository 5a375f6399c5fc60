package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default keeps every acknowledged order through a {@code kill -9}: a real {@code ordering serve}
 * child process takes orders over gRPC, is killed without warning (its PostgreSQL child is left running, as in
 * real life), and a new one on the same data directory answers every order, each placed exactly once.
 */
class ServeDurabilityIT {
    private static final int ORDERS = 20;

    @TempDir
    Path dataDir;

    @Test
    void a_kill_9_loses_no_acknowledged_order() throws Exception {
        UUID buyer = UUID.randomUUID();
        var acknowledged = new ArrayList<String>();
        Process first = null;
        Process second = null;
        try {
            int port = freePort();
            first = serve(port, "first");
            try (var client = new ServeClient(port, dataDir, buyer)) {
                client.createBuyer();
                for (int i = 0; i < ORDERS; i++) {
                    acknowledged.add(client.placeOrder("order-" + i));
                }
            }
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs, the postmaster is orphaned
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid")))
                    .as("the orphaned postmaster still holds the cluster")
                    .isTrue();

            int secondPort = freePort();
            second = serve(secondPort, "second");
            try (var client = new ServeClient(secondPort, dataDir, buyer)) {
                for (String order : acknowledged) {
                    assertThat(client.order(order).getOrderId()).isEqualTo(order);
                    assertThat(client.history(order))
                            .as("history of " + order)
                            .filteredOn("OrderPlaced"::equals)
                            .hasSize(1);
                }
                String after = client.placeOrder("after-restart");
                client.awaitStatus(after, OrderStatus.ORDER_STATUS_CONFIRMED);
                // orders interrupted mid-checkout by the kill are finished by the restarted reactors
                client.awaitStatus(acknowledged.getLast(), OrderStatus.ORDER_STATUS_CONFIRMED);
            }
        } finally {
            stop(first);
            stop(second);
            // never leave a PostgreSQL running: the one a killed server orphaned, or one a failed test left
            LeftoverPostmaster.stop(dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR));
        }
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).isFalse();
    }

    /** Starts {@code ordering serve} on the data directory in a child JVM and waits for its health to be SERVING. */
    private Process serve(int port, String name) throws IOException, InterruptedException {
        var command = ServeClient.serveCommand(
                List.of(),
                "--data-dir",
                dataDir.toString(),
                "--port",
                String.valueOf(port),
                // durability is the point here, not the per-caller limit (LimitsTest covers it): since the reactors
                // run in lanes, checkouts finish so fast that this one client would exceed 50 calls/s
                "--rate-limit",
                "1000");
        return ServeClient.startServing(command, dataDir.resolve("serve-" + name + ".log"), port);
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException noPort) {
            throw new UncheckedIOException(noPort);
        }
    }
}
