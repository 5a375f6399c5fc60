package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderingCliTest {
    @TempDir
    Path dataDir;

    /** What one run printed and how it exited. */
    record Run(int exitCode, String out, String err) {}

    static Run run(Wiring wiring, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        int code = OrderingCli.commandLine(wiring)
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_lists_the_commands() {
        var run = run(new Wiring(), "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("serve", "token", "orders");
    }

    @Test
    void usage_errors_exit_2_with_one_line() {
        assertThat(run(new Wiring()).exitCode()).isEqualTo(2);
        assertThat(run(new Wiring(), "--no-such-option").exitCode()).isEqualTo(2);
        var badSub = run(new Wiring(), "token", "mint", "--sub", "alice", "--data-dir", dataDir.toString());
        assertThat(badSub.exitCode()).isEqualTo(2);
        assertThat(badSub.err().lines())
                .containsExactly("ordering: buyer id must be a UUID like " + "0192f0c8-3c4b-7d8e-9f00-112233445566");
        var badRole = run(
                new Wiring(),
                "token",
                "mint",
                "--sub",
                UUID.randomUUID().toString(),
                "--role",
                "root",
                "--data-dir",
                dataDir.toString());
        assertThat(badRole.exitCode()).isEqualTo(2);
        assertThat(badRole.err()).contains("--role is user or admin");
        assertThat(run(new Wiring(), "serve", "--in-memory", "--port", "70000").exitCode())
                .isEqualTo(2);
        var exposed = run(new Wiring(), "serve", "--in-memory", "--host", "0.0.0.0", "--data-dir", dataDir.toString());
        assertThat(exposed.exitCode()).isEqualTo(2);
        assertThat(exposed.err()).contains("not loopback: give --tls-cert and --tls-key");
    }

    @Test
    void a_minted_token_is_trusted_by_the_dev_jwks() throws Exception {
        UUID sub = UUID.randomUUID();
        var run = run(
                new Wiring(),
                "token",
                "mint",
                "--sub",
                sub.toString(),
                "--role",
                "admin",
                "--data-dir",
                dataDir.toString());
        assertThat(run.exitCode()).isZero();
        var verifier = JwtVerifier.fromFile(dataDir.resolve("dev-jwks.json"), DevKeys.ISSUER, DevKeys.AUDIENCE);
        Caller caller = verifier.verify(run.out().strip());
        assertThat(caller.subject()).isEqualTo(sub.toString());
        assertThat(caller.isAdmin()).isTrue();
        assertThat(Files.readString(dataDir.resolve("dev-jwks.json"))).doesNotContain("\"d\"");
    }

    @Test
    void serve_validates_its_settings_before_starting_anything() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("a-file"), "x");
        var unwritable = run(new Wiring(), "serve", "--data-dir", notADirectory.toString());
        assertThat(unwritable.exitCode()).isEqualTo(2);
        assertThat(unwritable.err().lines())
                .containsExactly("ordering: --data-dir " + notADirectory + " is not a writable directory");

        var badUrl = run(new Wiring(), "serve", "--postgres-url", "http://db", "--data-dir", dataDir.toString());
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("a PostgreSQL URL starts with jdbc:postgresql://");

        var badRedis = run(new Wiring(), "serve", "--redis-url", "http://cache", "--data-dir", dataDir.toString());
        assertThat(badRedis.exitCode()).isEqualTo(2);
        assertThat(badRedis.err()).contains("is not a redis:// URI");

        var badSmtp = run(new Wiring(), "serve", "--smtp", "mail.example", "--data-dir", dataDir.toString());
        assertThat(badSmtp.exitCode()).isEqualTo(2);
        assertThat(badSmtp.err().lines()).containsExactly("ordering: --smtp 'mail.example' is not host:port");

        var zeroCap = run(new Wiring(), "serve", "--mail-retry-max-delay", "0s", "--data-dir", dataDir.toString());
        assertThat(zeroCap.exitCode()).isEqualTo(2);
        assertThat(zeroCap.err().lines())
                .singleElement()
                .asString()
                .startsWith("ordering: --mail-retry-max-delay")
                .contains("1 s to 1 h");
        var shortRetention = run(new Wiring(), "serve", "--mail-retention", "30m", "--data-dir", dataDir.toString());
        assertThat(shortRetention.exitCode()).isEqualTo(2);
        assertThat(shortRetention.err().lines())
                .singleElement()
                .asString()
                .startsWith("ordering: --mail-retention")
                .contains("at least 1 h");
        var notADuration = run(new Wiring(), "serve", "--mail-give-up-after", "soon", "--data-dir", dataDir.toString());
        assertThat(notADuration.exitCode()).isEqualTo(2);
        assertThat(notADuration.err()).contains("'soon' is not a duration");
        var brokenName =
                run(new Wiring(), "serve", "--smtp-from-name", "Shop\r\nBcc: x@y.z", "--data-dir", dataDir.toString());
        assertThat(brokenName.exitCode()).isEqualTo(2);
        assertThat(brokenName.err().lines()).singleElement().asString().startsWith("ordering: --smtp-from-name");

        var mixed = run(
                new Wiring(),
                "serve",
                "--in-memory",
                "--postgres-url",
                "jdbc:postgresql://x/y",
                "--data-dir",
                dataDir.toString());
        assertThat(mixed.exitCode()).isEqualTo(2);

        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var busy = run(
                    new Wiring(),
                    "serve",
                    "--port",
                    String.valueOf(taken.getLocalPort()),
                    "--data-dir",
                    dataDir.toString());
            assertThat(busy.exitCode()).isEqualTo(4);
            assertThat(busy.err().lines())
                    .containsExactly("ordering: port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
        assertThat(dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR)).doesNotExist();
    }

    @Test
    void serve_in_memory_answers_the_orders_commands() {
        var checks = new ArrayList<Run>();
        UUID buyer = UUID.randomUUID();
        var wiring = new Wiring() {
            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) {
                checks.addAll(clientRuns(this, server.port(), buyer));
            }

            private InMemoryStack stack;

            @Override
            InMemoryStack inMemory(org.bookworm.ordering.core.finance.CheckoutTimeouts timeouts) {
                stack = super.inMemory(timeouts);
                return stack;
            }

            String placeOrder() {
                var caller = Caller.buyer(new BuyerId(buyer));
                var address = new Address("1 Main St", "Seattle", "WA");
                var name = new PersonName("Ada");
                var email = new EmailAddress("ada@example.com");
                stack.bookworm().ordering.buyers.create(caller, name, email, address);
                var line = new OrderLine(Wiring.DUNE, new BookTitle("Dune"), Quantity.of(1), Money.of("12.50", "USD"));
                var placed = stack.bookworm()
                        .ordering
                        .orders
                        .place(
                                caller,
                                "r-1",
                                new BuyerSnapshot(new BuyerId(buyer), name, email),
                                address,
                                List.of(line));
                stack.bookworm().ordering.drain();
                return ((org.bookworm.ordering.core.eventsourcing.Outcome.Done<?>) placed)
                        .stream().id().toString();
            }

            List<Run> clientRuns(Wiring self, int port, UUID sub) {
                String order = placeOrder();
                Path tokenFile = dataDir.resolve("token");
                try {
                    Files.writeString(tokenFile, dataDirToken(self, sub));
                } catch (java.io.IOException failure) {
                    throw new java.io.UncheckedIOException(failure);
                }
                String server = "127.0.0.1:" + port;
                String file = tokenFile.toString();
                return List.of(
                        run(self, "orders", "show", order, "--server", server, "--token-file", file),
                        run(self, "orders", "history", order, "--server", server, "--token-file", file),
                        run(
                                self,
                                "orders",
                                "show",
                                UUID.randomUUID().toString(),
                                "--server",
                                server,
                                "--token-file",
                                file),
                        run(
                                self,
                                "orders",
                                "history",
                                order,
                                "--at",
                                "2000-01-01T00:00:00Z",
                                "--server",
                                server,
                                "--token-file",
                                file),
                        run(
                                self,
                                "orders",
                                "history",
                                order,
                                "--at",
                                "yesterday",
                                "--server",
                                server,
                                "--token-file",
                                file),
                        run(
                                self,
                                "orders",
                                "as-of",
                                order,
                                java.time.Instant.now().plusSeconds(1).toString(),
                                "--server",
                                server,
                                "--token-file",
                                file));
            }

            private String dataDirToken(Wiring self, UUID sub) {
                return self.devKeys(dataDir).mint(sub, "user", java.time.Duration.ofMinutes(5));
            }
        };

        var serve = run(wiring, "serve", "--in-memory", "--port", "0", "--data-dir", dataDir.toString());

        assertThat(serve.exitCode()).as(serve.err()).isZero();
        assertThat(serve.out()).contains("serving gRPC on 127.0.0.1:", "ordering token mint");
        assertThat(checks).hasSize(6);
        assertThat(checks.get(0).exitCode()).as(checks.get(0).err()).isZero();
        // placed behind checkout's back (no payment method), so the running saga may already have failed it
        assertThat(checks.get(0).out()).contains("\"status\": \"ORDER_STATUS_", "Dune", "ada@example.com");
        assertThat(checks.get(1).out()).contains("OrderPlaced");
        assertThat(checks.get(2).exitCode()).isEqualTo(1);
        assertThat(checks.get(2).err()).startsWith("ordering: NOT_FOUND");
        assertThat(checks.get(3).exitCode()).isEqualTo(1);
        assertThat(checks.get(4).exitCode()).isEqualTo(2);
        assertThat(checks.get(5).exitCode()).as(checks.get(5).err()).isZero();
        assertThat(checks.get(5).out()).contains("\"status\": \"ORDER_STATUS_", "Dune");
    }

    @Test
    void a_server_that_is_down_is_an_infrastructure_failure() throws Exception {
        Path tokenFile = Files.writeString(dataDir.resolve("token"), "x.y.z");
        int freePort;
        try (var socket = new java.net.ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        var run = run(
                new Wiring(),
                "orders",
                "show",
                UUID.randomUUID().toString(),
                "--server",
                "127.0.0.1:" + freePort,
                "--token-file",
                tokenFile.toString());
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err()).startsWith("ordering: UNAVAILABLE");
    }
}
