package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordering wait}: returns once a server answers SERVING, and says why when none does. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class WaitCommandTest {
    @TempDir
    Path dataDir;

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void a_server_that_starts_while_we_wait_ends_the_wait_with_serving() throws Exception {
        int port = freePort();
        // threads of their own: the common pool may have one thread only, and both of these block
        var threads = Executors.newFixedThreadPool(2);
        var waited = CompletableFuture.supplyAsync(
                () -> run(new Wiring(), "wait", "--server", "127.0.0.1:" + port, "--timeout", "60s"), threads);
        Thread.sleep(1_500); // the wait has met a closed port (and backed off) before the server starts
        var release = new CountDownLatch(1);
        var serving = new Wiring() {
            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) throws InterruptedException {
                release.await(60, TimeUnit.SECONDS);
            }
        };
        var served = CompletableFuture.supplyAsync(() ->
                run(serving, "serve", "--in-memory", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        OrderingCliTest.Run run;
        try {
            run = waited.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdown();
        }
        var serve = served.get(30, TimeUnit.SECONDS);
        assertThat(serve.exitCode()).as(serve.err()).isZero();
        assertThat(run.exitCode())
                .as(run.err() + "\nserver said:\n" + serve.out())
                .isZero();
        assertThat(run.out().lines()).containsExactly("SERVING on 127.0.0.1:" + port);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void nothing_listening_ends_after_the_timeout_with_one_line_and_exit_4() throws Exception {
        int port = freePort();
        long started = System.nanoTime();

        var run = run(new Wiring(), "wait", "--server", "127.0.0.1:" + port, "--timeout", "2s");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isBetween(1L, 10L);
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines())
                .singleElement()
                .asString()
                .startsWith("ordering: no server answered SERVING on 127.0.0.1:" + port + " within 2s (last: ")
                .endsWith("): is `bin/ordering serve` running, and on that port? Its output says why not");
    }

    @Test
    void a_server_process_that_has_exited_ends_the_wait_at_once() throws Exception {
        var gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        long started = System.nanoTime();

        var run = run(
                new Wiring(),
                "wait",
                "--server",
                "127.0.0.1:" + freePort(),
                "--pid",
                String.valueOf(gone.pid()),
                "--timeout",
                "60s");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10L);
        assertThat(run.exitCode()).isEqualTo(4);
        assertThat(run.err().lines())
                .containsExactly("ordering: the server (pid " + gone.pid() + ") has exited: its output says why");
    }

    @Test
    void bad_options_are_usage_errors() {
        var badServer = run(new Wiring(), "wait", "--server", "localhost");
        assertThat(badServer.exitCode()).isEqualTo(2);
        assertThat(badServer.err().lines()).containsExactly("ordering: --server is host:port, not 'localhost'");
        var badPort = run(new Wiring(), "wait", "--server", "127.0.0.1:99999");
        assertThat(badPort.exitCode()).isEqualTo(2);
        assertThat(badPort.err().lines()).containsExactly("ordering: --server is host:port, not '127.0.0.1:99999'");
        var badTimeout = run(new Wiring(), "wait", "--timeout", "0s");
        assertThat(badTimeout.exitCode()).isEqualTo(2);
        assertThat(badTimeout.err().lines()).containsExactly("ordering: --timeout is between 1s and 1h");
    }
}
