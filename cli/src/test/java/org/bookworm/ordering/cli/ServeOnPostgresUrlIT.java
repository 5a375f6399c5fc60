package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ordering serve --postgres-url} against the machine's PostgreSQL ({@code ORDERING_PG_URL}, default
 * loopback): it migrates a fresh database of its own, and an order placed over gRPC is confirmed by the server's
 * own checkout reactor. The database is created for this test and dropped after it.
 */
class ServeOnPostgresUrlIT {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    @TempDir
    Path dataDir;

    String adminUrl;
    String database;
    String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        adminUrl = System.getenv()
                .getOrDefault("ORDERING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        var parts = URL.matcher(adminUrl);
        assertThat(parts.matches()).as(adminUrl).isTrue();
        database = "ordering_serve_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        url = parts.group(1) + database + parts.group(3);
        execute("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(adminUrl);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void an_order_placed_over_grpc_is_confirmed_on_an_external_postgresql() {
        UUID buyer = UUID.randomUUID();
        var statuses = new ArrayList<OrderStatus>();
        var history = new ArrayList<String>();
        var wiring = new Wiring() {
            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) {
                try (var client = new ServeClient(server.port(), dataDir, buyer)) {
                    client.createBuyer();
                    String order = client.placeOrder("order-1");
                    client.awaitStatus(order, OrderStatus.ORDER_STATUS_CONFIRMED);
                    statuses.add(client.order(order).getStatus());
                    history.addAll(client.history(order));
                }
            }
        };
        var out = new StringWriter();
        int exit = OrderingCli.commandLine(wiring)
                .setOut(new PrintWriter(out))
                .execute("serve", "--postgres-url", url, "--port", "0", "--data-dir", dataDir.toString());

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("PostgreSQL:    " + url).doesNotContain("embedded");
        assertThat(statuses).containsExactly(OrderStatus.ORDER_STATUS_CONFIRMED);
        assertThat(history).containsSubsequence("OrderPlaced", "OrderConfirmed");
        assertThat(dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR)).doesNotExist();
    }
}
