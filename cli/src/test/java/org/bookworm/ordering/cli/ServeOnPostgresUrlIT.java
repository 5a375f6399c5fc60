package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.lettuce.core.RedisClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
 * own checkout reactor, with baskets in process or in Redis ({@code ORDERING_REDIS_URI}, a random key prefix).
 * The database is created for each test and dropped after it; the Redis keys are deleted.
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
        var out = serveAndOrder(() -> {});

        assertThat(out)
                .contains("PostgreSQL:    " + url, "Baskets:       in process")
                .doesNotContain("embedded");
        assertThat(dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR)).doesNotExist();
    }

    @Test
    void with_redis_url_baskets_and_the_book_cache_live_in_redis() {
        String redisUrl = System.getenv().getOrDefault("ORDERING_REDIS_URI", "redis://127.0.0.1:6379");
        String prefix = "serve-it-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";
        var redis = RedisClient.create(redisUrl);
        try (var connection = redis.connect()) {
            var out = serveAndOrder(() -> {}, "--redis-url", redisUrl, "--redis-key-prefix", prefix);

            assertThat(out).contains("Baskets:       Redis");
            assertThat(connection.sync().keys(prefix + "*"))
                    .as("the book cache filled by the checkout")
                    .isNotEmpty();
            List<String> ours = connection.sync().keys(prefix + "*");
            if (!ours.isEmpty()) {
                connection.sync().del(ours.toArray(String[]::new));
            }
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void with_smtp_the_confirmation_e_mail_is_sent() throws Exception {
        var smtp = new GreenMail(new ServerSetup(ServeDurabilityIT.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            var out = serveAndOrder(
                    () -> ServeClient.await("the confirmation e-mail", () -> smtp.getReceivedMessages().length > 0),
                    "--smtp",
                    "127.0.0.1:" + smtp.getSmtp().getPort(),
                    "--smtp-from-name",
                    "BookWorm Shop",
                    "--mail-retry-max-delay",
                    "5s",
                    "--mail-retention",
                    "2d");

            assertThat(out)
                    .contains("E-mails:       SMTP 127.0.0.1:")
                    .contains("retried at most 5s apart for 24h, sent ones kept 48h");
            var sent = smtp.getReceivedMessages();
            assertThat(sent).hasSize(1);
            assertThat(sent[0].getAllRecipients()[0].toString()).isEqualTo("Ada Lovelace <ada@example.com>");
            assertThat(sent[0].getFrom()[0].toString()).isEqualTo("BookWorm Shop <orders@bookworm.local>");
            assertThat(sent[0].getSubject()).isEqualTo("BookWorm: Your Order Has Been Received Successfully");
            assertThat(sent[0].getContentType()).startsWith("multipart/alternative");
        } finally {
            smtp.stop();
        }
    }

    /**
     * Serves with the extra flags, creates a buyer, places an order, waits for it to be confirmed, then runs {@code
     * whileServing} before the server stops.
     */
    private String serveAndOrder(Runnable whileServing, String... flags) {
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
                whileServing.run();
            }
        };
        var args = new ArrayList<>(
                List.of("serve", "--verbose", "--postgres-url", url, "--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(List.of(flags));
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = OrderingCli.commandLine(wiring)
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args.toArray(String[]::new));

        assertThat(exit).as("%s%n%s", out, err).isZero();
        assertThat(statuses).containsExactly(OrderStatus.ORDER_STATUS_CONFIRMED);
        assertThat(history).containsSubsequence("OrderPlaced", "OrderConfirmed");
        return out.toString();
    }
}
