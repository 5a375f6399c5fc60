package org.bookworm.ordering.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A redis-server process of the test's own, on a free loopback port with nothing kept on disk, so an outage test
 * can kill it without touching the Redis other engineers share.
 */
final class OwnRedisServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/redis-server");

    private final int port;
    private final Path directory;
    private @Nullable Process process;

    private OwnRedisServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    static OwnRedisServer startOnFreePort() throws IOException, InterruptedException {
        OwnRedisServer server = notStartedOnFreePort();
        server.start();
        return server;
    }

    /** A server on a free port that is not started yet: nothing listens there until {@link #start()}. */
    static OwnRedisServer notStartedOnFreePort() throws IOException {
        int port;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return new OwnRedisServer(port, Files.createTempDirectory("own-redis-"));
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts redis-server on this server's port and waits until it answers PING. */
    void start() throws IOException, InterruptedException {
        String binary = Files.isExecutable(BINARY) ? BINARY.toString() : "redis-server";
        process = new ProcessBuilder(List.of(
                        binary,
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
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "redis-server did not start on port " + port + ": see " + directory.resolve("redis.log"));
            }
            Thread.sleep(10);
        }
    }

    /** Kills the server the hard way (SIGKILL), as a crash would, and waits until it is gone. */
    void kill() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            try {
                if (!running.waitFor(10, TimeUnit.SECONDS)) {
                    throw new AssertionError("redis-server on port " + port + " did not die");
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while killing redis-server on port " + port, interrupted);
            }
        }
    }

    /** Freezes the server (SIGSTOP): connections stay open but nothing is answered, as with a hung host. */
    void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen server run again (SIGCONT). */
    void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new AssertionError("redis-server on port " + port + " is not running");
        }
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(running.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new AssertionError("kill " + signal + " failed with exit code " + exit);
            }
        } catch (IOException | InterruptedException failed) {
            throw new AssertionError("cannot send " + signal + " to redis-server", failed);
        }
    }

    boolean answersPing() {
        try (var socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        kill(); // SIGKILL ends a frozen (stopped) process too
    }
}
