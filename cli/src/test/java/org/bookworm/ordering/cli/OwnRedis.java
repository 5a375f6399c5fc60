package org.bookworm.ordering.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A redis-server of the test's own on a free loopback port (no persistence), so that a fault test can freeze, kill
 * and restart it without touching the Redis other engineers share. Signals go to its PID only.
 */
final class OwnRedis implements AutoCloseable {
    private final int port;
    private @Nullable Process running;

    private OwnRedis(int port) {
        this.port = port;
    }

    static OwnRedis start() throws IOException, InterruptedException {
        var redis = new OwnRedis(freePort());
        redis.up();
        return redis;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void up() throws IOException, InterruptedException {
        running = new ProcessBuilder(List.of(
                        "/usr/bin/redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (var probe = new Socket("127.0.0.1", port)) {
                probe.shutdownOutput();
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        close();
        throw new IOException("redis-server did not listen on port " + port + " within 10 s");
    }

    /** SIGSTOP: connections stay open and nothing is answered, as with a hung host. */
    void freeze() {
        Signals.send("-STOP", List.of(pid()));
    }

    void thaw() {
        Signals.send("-CONT", List.of(pid()));
    }

    /** SIGKILL (which ends a frozen process too), and waits until it is gone. */
    @Override
    public void close() {
        Process process = running;
        if (process != null) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            running = null;
        }
    }

    private long pid() {
        Process process = running;
        if (process == null) {
            throw new IllegalStateException("redis-server is not running");
        }
        return process.pid();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
