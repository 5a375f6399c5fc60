package org.bookworm.ordering.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus}, started by a test on loopback with a generated configuration (one job, scraped every
 * second) and a data directory of its own, queried over its HTTP API, stopped by its process id.
 */
final class RealPrometheus implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process process;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RealPrometheus(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Scrapes {@code target} (host:port) every second; returns once its HTTP API answers. */
    static RealPrometheus scraping(String target, Path dir) {
        try {
            return start(target, dir);
        } catch (IOException cannotStart) {
            throw new UncheckedIOException(cannotStart);
        }
    }

    private static RealPrometheus start(String target, Path dir) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "global:",
                        "  scrape_interval: 1s",
                        "  evaluation_interval: 1s",
                        "scrape_configs:",
                        "  - job_name: ordering",
                        "    static_configs:",
                        "      - targets: ['" + target + "']",
                        ""));
        int port = ServeDurabilityIT.freePort();
        var process = new ProcessBuilder(List.of(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        var prometheus = new RealPrometheus(process, port);
        ServeClient.await("Prometheus to answer on " + port, () -> process.isAlive() && prometheus.ready());
        return prometheus;
    }

    private boolean ready() {
        try {
            return get("/-/ready").statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** The instant vector of a PromQL query: its series, each with {@code metric} and {@code value}. */
    JsonNode query(String promql) {
        try {
            var response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(response.body());
            if (!"success".equals(body.path("status").asText())) {
                throw new AssertionError("PromQL " + promql + " failed: " + response.body());
            }
            return body.path("data").path("result");
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The one number of a query whose result is a single series. */
    static double value(JsonNode result) {
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    private HttpResponse<String> get(String path) throws IOException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IOException(interrupted);
        }
    }

    /** {@code promtool check rules file}: its exit code and output. */
    static ProcessResult checkRules(Path rules) throws IOException, InterruptedException {
        var process = new ProcessBuilder(PROMTOOL.toString(), "check", "rules", rules.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new ProcessResult(process.waitFor(), output);
    }

    record ProcessResult(int exitCode, String output) {}

    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
