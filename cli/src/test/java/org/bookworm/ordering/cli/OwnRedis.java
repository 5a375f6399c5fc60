package org.bookworm.ordering.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A redis-server of the test's own on a free loopback port, nothing on disk; frozen and thawed by its PID only. */
final class OwnRedis implements AutoCloseable {
    private final int port;
    private final Process process;

    private OwnRedis(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static OwnRedis start() throws IOException, InterruptedException {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path directory = Files.createTempDirectory("own-redis-");
        Process process = new ProcessBuilder(List.of(
                        "redis-server",
                        "--port",
                        Integer.toString(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--dir",
                        directory.toString()))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        var redis = new OwnRedis(port, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!redis.listens()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                redis.close();
                throw new AssertionError("redis-server did not start: see " + directory.resolve("redis.log"));
            }
            Thread.sleep(20);
        }
        return redis;
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    void freeze() {
        Signals.send("-STOP", List.of(process.pid()));
    }

    void thaw() {
        Signals.send("-CONT", List.of(process.pid()));
    }

    private boolean listens() {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return socket.isConnected();
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        thaw();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
