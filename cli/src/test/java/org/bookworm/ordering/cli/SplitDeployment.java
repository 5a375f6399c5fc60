package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.composition.Service;

/**
 * The four services as four child processes ({@code ordering serve --services X}) on one PostgreSQL database and one
 * Redis key prefix, behind an nginx of their own configured from {@code deploy/nginx}, all on loopback with free
 * ports. Everything started is stopped by its process (PID), in {@link #close}.
 */
final class SplitDeployment implements AutoCloseable {
    private static final Path NGINX = Path.of("../deploy/nginx");

    private final Path dir;
    private final String postgresUrl;
    private final String redisUrl;
    private final String redisPrefix;
    final int gatewayPort = ServeDurabilityIT.freePort();
    final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    SplitDeployment(Path dir, String postgresUrl, String redisUrl, String redisPrefix) throws IOException {
        this.dir = dir;
        this.postgresUrl = postgresUrl;
        this.redisUrl = redisUrl;
        this.redisPrefix = redisPrefix;
        Files.writeString(dir.resolve("service-token"), "0123456789abcdef0123456789abcdef-split-it\n");
        // the dev signing key, made once before four processes could race to make it
        new DevKeys(dir, java.time.Clock.systemUTC()).jwks();
        for (Service service : Service.values()) {
            ports.put(service, ServeDurabilityIT.freePort());
        }
    }

    /** Starts Ordering first (it migrates the database), then the three others, then nginx; waits for each. */
    void start() throws IOException {
        await(serve(Service.ORDERING), ports.get(Service.ORDERING), "ordering");
        var others = List.of(Service.BASKET, Service.FINANCE, Service.NOTIFICATION);
        var started = others.stream().map(this::serveUnchecked).toList();
        for (int i = 0; i < others.size(); i++) {
            await(started.get(i), ports.get(others.get(i)), others.get(i).label());
        }
        await(nginx(), gatewayPort, "nginx");
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    private Process serveUnchecked(Service service) {
        try {
            return serve(service);
        } catch (IOException cannotStart) {
            throw new java.io.UncheckedIOException(cannotStart);
        }
    }

    private Process serve(Service service) throws IOException {
        var command = ServeClient.serveCommand(
                List.of("-Xmx256m"),
                "--services",
                service.label(),
                "--port",
                String.valueOf(ports.get(service)),
                "--postgres-url",
                postgresUrl,
                "--redis-url",
                redisUrl,
                "--redis-key-prefix",
                redisPrefix,
                "--data-dir",
                dir.toString(),
                "--service-token-file",
                dir.resolve("service-token").toString(),
                "--gateway",
                "127.0.0.1:" + gatewayPort,
                "--rate-limit",
                "1000");
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(service.label()).toFile());
        builder.environment().put("ORDERING_PG_POOL", "4");
        return started(builder.start());
    }

    private Process nginx() throws IOException {
        Files.createDirectories(dir.resolve("nginx-tmp"));
        Files.copy(NGINX.resolve("routes.conf"), dir.resolve("routes.conf"));
        Files.writeString(dir.resolve("nginx.conf"), nginxConf());
        var command = List.of(
                nginxBinary(),
                "-p",
                dir.toString(),
                "-c",
                dir.resolve("nginx.conf").toString(),
                "-e",
                log("nginx-error").toString(),
                "-g",
                "daemon off;");
        return started(new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log("nginx").toFile())
                .start());
    }

    /** Debian's nginx, also when /usr/sbin is not on the PATH of the test. */
    static String nginxBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
    }

    /** deploy/nginx's template with this run's directory, gateway port and one server per group. */
    String nginxConf() throws IOException {
        String conf = Files.readString(NGINX.resolve("nginx.conf.template"))
                .replace("@RUN_DIR@", dir.toString())
                .replace("@LISTEN@", "127.0.0.1:" + gatewayPort);
        for (var entry : ports.entrySet()) {
            conf = conf.replace(
                    "@" + entry.getKey().name().toUpperCase(Locale.ROOT) + "_SERVERS@",
                    "        server 127.0.0.1:" + entry.getValue() + " max_fails=2 fail_timeout=5s;");
        }
        return conf;
    }

    private Process started(Process process) {
        processes.add(process);
        return process;
    }

    private void await(Process process, int port, String name) throws IOException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!ServeClient.serving(port)) {
            assertThat(process.isAlive())
                    .as("%s exited early:%n%s", name, Files.readString(log(name)))
                    .isTrue();
            assertThat(Instant.now())
                    .as("%s did not start:%n%s", name, Files.readString(log(name)))
                    .isBefore(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    /** Every process started, stopped by its PID: SIGTERM, then SIGKILL after 30 s. */
    @Override
    public void close() {
        for (Process process : processes.reversed()) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        }
        try {
            for (Process process : processes) {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
                    process.waitFor(30, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            processes.forEach(process -> ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly));
        }
    }
}
