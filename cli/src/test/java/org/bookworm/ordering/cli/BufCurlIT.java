package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over TCP with a client that is not ours: {@code buf curl} (npm @bufbuild/buf, installed by
 * bin/install-buf into the git-ignored tools/ directory) finds the methods by server reflection and drives an order
 * from a basket to Completed. If buf cannot be installed the test fails; it never skips.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BufCurlIT {
    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\\s*\"([0-9a-f-]{36})\"");

    @TempDir
    Path dataDir;

    @Test
    void buf_curl_places_an_order_from_a_basket_watches_it_ship_and_complete_and_reads_its_history() {
        Path buf = installBuf();
        var results = new ArrayList<String>();
        var wiring = new Wiring() {
            private InMemoryStack stack;

            @Override
            InMemoryStack inMemory(org.bookworm.ordering.core.finance.CheckoutTimeouts timeouts) {
                stack = super.inMemory(timeouts);
                return stack;
            }

            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) {
                results.addAll(scenario(buf, this, stack, server.port()));
            }
        };
        int exit = OrderingCli.commandLine(wiring)
                .setOut(new PrintWriter(new java.io.StringWriter()))
                .execute("serve", "--in-memory", "--port", "0", "--data-dir", dataDir.toString());

        assertThat(exit).isZero();
        assertThat(results).hasSize(4);
        assertThat(results.get(0)).as("bad input over TCP").contains("invalid_argument");
        assertThat(results.get(1)).as("the basket").contains(Wiring.DUNE.toString());
        assertThat(results.get(2))
                .as("the watch stream")
                .contains("ORDER_STATUS_CONFIRMED", "ORDER_STATUS_SHIPPED", "ORDER_STATUS_COMPLETED");
        assertThat(results.get(3))
                .as("the history")
                .contains("OrderPlaced", "OrderConfirmed", "ItemsShipped", "OrderCompleted");
    }

    private List<String> scenario(Path buf, Wiring wiring, Wiring.InMemoryStack stack, int port) {
        UUID ada = UUID.randomUUID();
        var keys = wiring.devKeys(dataDir);
        String user = keys.mint(ada, "user", Duration.ofMinutes(10));
        String admin = keys.mint(UUID.randomUUID(), "admin", Duration.ofMinutes(10));
        var curl = new BufCurl(buf, port);
        String dune = Wiring.DUNE.toString();

        curl.ok(user, "bookworm.ordering.v1.BuyerService/CreateBuyer", """
                {"requestId":"b-1","name":"Ada Lovelace","email":"ada@example.com",
                 "address":{"street":"1 Main St","city":"Seattle","province":"WA"}}""");
        String badInput = curl.failing(user, "bookworm.basket.v1.BasketService/AddItem", """
                {"requestId":"a-0","item":{"bookId":"%s","quantity":0}}""".formatted(dune));
        curl.ok(user, "bookworm.basket.v1.BasketService/AddItem", """
                {"requestId":"a-1","item":{"bookId":"%s","quantity":2}}""".formatted(dune));
        String basket = curl.ok(user, "bookworm.basket.v1.BasketService/GetBasket", "{}");
        String placed = curl.ok(user, "bookworm.ordering.v1.OrderingService/PlaceOrder", """
                {"requestId":"r-1","paymentMethodToken":"tok_approve"}""");
        var matcher = ORDER_ID.matcher(placed);
        assertThat(matcher.find()).as(placed).isTrue();
        String order = matcher.group(1);

        var watch =
                new Watch(curl.start(user, "bookworm.ordering.v1.OrderingService/WatchOrder", """
                {"orderId":"%s"}""".formatted(order)));
        // the server's checkout saga reserves stock, authorizes the payment and confirms the order by itself
        watch.await("ORDER_STATUS_CONFIRMED");
        curl.ok(admin, "bookworm.ordering.v1.OrderingService/ShipOrder", """
                {"requestId":"s-1","orderId":"%s"}""".formatted(order));
        watch.await("ORDER_STATUS_SHIPPED");
        curl.ok(user, "bookworm.ordering.v1.OrderingService/CompleteOrder", """
                {"requestId":"k-1","orderId":"%s"}""".formatted(order));
        String watched = watch.finish();
        String history = curl.ok(user, "bookworm.ordering.v1.OrderingService/GetOrderHistory", """
                {"orderId":"%s"}""".formatted(order));
        return List.of(badInput, basket, watched, history);
    }

    private static Path installBuf() {
        Path root = Path.of("").toAbsolutePath().getParent();
        try {
            var install = new ProcessBuilder(root.resolve("bin/install-buf").toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String path = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(install.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(install.exitValue()).as("bin/install-buf").isZero();
            assertThat(Files.isExecutable(Path.of(path))).as(path).isTrue();
            return Path.of(path);
        } catch (IOException | InterruptedException failure) {
            throw new AssertionError("cannot install buf with bin/install-buf", failure);
        }
    }

    /** A running server stream whose output is collected as it arrives. */
    private static final class Watch {
        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final Thread reader;

        Watch(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().start(() -> {
                try (var in = process.getInputStream()) {
                    byte[] chunk = new byte[4096];
                    for (int read; (read = in.read(chunk)) > 0; ) {
                        output.append(new String(chunk, 0, read, StandardCharsets.UTF_8));
                    }
                } catch (IOException closed) {
                    // the process ended: what it printed is in output
                }
            });
        }

        /** Waits (bounded) until the stream has printed {@code text}. */
        void await(String text) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!output.toString().contains(text)) {
                assertThat(System.nanoTime())
                        .as("waiting for %s in %s", text, output)
                        .isLessThan(deadline);
                assertThat(process.isAlive() || output.toString().contains(text))
                        .as("the watch ended early: %s", output)
                        .isTrue();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    throw new AssertionError(interrupted);
                }
            }
        }

        String finish() {
            try {
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException interrupted) {
                throw new AssertionError(interrupted);
            }
            assertThat(process.exitValue()).as("the watch: %s", output).isZero();
            return output.toString();
        }
    }

    /** buf curl over plaintext HTTP/2 with server reflection. */
    private record BufCurl(Path buf, int port) {
        String ok(String token, String method, String body) {
            var process = start(token, method, body);
            String output = finish(process);
            assertThat(process.exitValue()).as(method + ": " + output).isZero();
            return output;
        }

        String failing(String token, String method, String body) {
            var process = start(token, method, body);
            String output = finish(process);
            assertThat(process.exitValue()).as(method + ": " + output).isNotZero();
            return output;
        }

        Process start(String token, String method, String body) {
            try {
                return new ProcessBuilder(
                                buf.toString(),
                                "curl",
                                "--protocol",
                                "grpc",
                                "--http2-prior-knowledge",
                                "-H",
                                "Authorization: Bearer " + token,
                                "-d",
                                body,
                                "http://127.0.0.1:" + port + "/" + method)
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            }
        }

        static String finish(Process process) {
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                return output;
            } catch (IOException | InterruptedException failure) {
                process.destroyForcibly();
                throw new AssertionError("buf curl did not finish", failure);
            }
        }
    }
}
