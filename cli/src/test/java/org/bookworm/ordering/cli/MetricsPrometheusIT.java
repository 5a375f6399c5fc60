package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ordering serve --metrics-port} scraped by a real Prometheus (Debian's {@code prometheus}, installed by
 * {@code .ci/run}): checkouts run while it scrapes every second, then PromQL over its HTTP API finds the append rate,
 * the subscriptions' lag, and the PlaceOrder calls. Without the binary the test fails, naming the package to install.
 * The alert rules of {@code deploy/prometheus/alerts.yml} pass {@code promtool check rules}.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class MetricsPrometheusIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path prometheusDir;

    ScratchDatabase database;

    @BeforeEach
    void requirePrometheusAndCreateDatabase() throws SQLException {
        assertThat(Files.isExecutable(RealPrometheus.BINARY))
                .as(RealPrometheus.BINARY + " is missing: apt-get install prometheus (.ci/run installs it)")
                .isTrue();
        database = ScratchDatabase.create("ordering_metrics");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void prometheus_scrapes_the_append_rate_and_the_subscription_lag_during_checkouts() throws Exception {
        int metricsPort = ServeDurabilityIT.freePort();
        var scraped = new ArrayList<String>();
        var wiring = new Wiring() {
            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) {
                try (var prometheus = RealPrometheus.scraping("127.0.0.1:" + metricsPort, prometheusDir);
                        var client = new ServeClient(server.port(), dataDir, UUID.randomUUID())) {
                    ServeClient.await(
                            "the first scrape",
                            () -> prometheus.query("up{job=\"ordering\"} == 1").size() == 1);
                    client.createBuyer();
                    for (int order = 1; order <= 3; order++) {
                        client.awaitStatus(client.placeOrder("order-" + order), OrderStatus.ORDER_STATUS_CONFIRMED);
                    }
                    // a rate needs two samples with an increase between them: if every append of the three
                    // checkouts fell before the first scrape that saw the counter, keep appending until one does
                    var more = new AtomicInteger();
                    ServeClient.await("the appends in Prometheus", () -> {
                        if (!prometheus.query(APPEND_RATE).isEmpty()) {
                            return true;
                        }
                        client.placeOrder("more-" + more.incrementAndGet());
                        sleepQuietly(Duration.ofMillis(1_500));
                        return false;
                    });
                    scraped.add(scrape(metricsPort));
                    check(prometheus);
                }
            }
        };
        String redisUrl = System.getenv().getOrDefault("ORDERING_REDIS_URI", "redis://127.0.0.1:6379");
        String prefix = "metrics-it-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = OrderingCli.commandLine(wiring)
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(
                        "serve",
                        "--postgres-url",
                        database.url(),
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString(),
                        "--redis-url",
                        redisUrl,
                        "--redis-key-prefix",
                        prefix,
                        "--metrics-port",
                        Integer.toString(metricsPort));
        deleteKeys(redisUrl, prefix);

        assertThat(exit).as("%s%n%s", out, err).isZero();
        assertThat(out.toString()).contains("Observability: metrics http://127.0.0.1:" + metricsPort + "/metrics");
        // kept for the reader of docs/operations.md: every series one checkout makes
        Files.writeString(Path.of("target", "metrics-scrape.txt"), scraped.get(0));
        assertThat(scraped.get(0))
                .contains("hikaricp_connections_active")
                .contains("jvm_memory_used_bytes")
                .contains("messaging_process_duration_seconds_bucket")
                .contains("db_client_operation_duration_seconds_count")
                .contains("lettuce_command_completion_seconds");
    }

    private static final String APPEND_RATE = "sum(rate(ordering_event_store_appends_total{outcome=\"ok\"}[1m])) > 0";

    private static final String PLACED =
            "sum(rpc_server_call_duration_seconds_count{rpc_method=\"PlaceOrder\",rpc_grpc_status_code=\"OK\"})";

    private static void check(RealPrometheus prometheus) {
        assertThat(RealPrometheus.value(prometheus.query(APPEND_RATE)))
                .as("appends a second")
                .isPositive();
        // NaN until the store's gauges are first sampled (every 2 s)
        ServeClient.await("the sampled lag of every subscription", () -> {
            JsonNode sampled = prometheus.query("ordering_subscription_lag_events >= 0");
            return sampled.size() == 5;
        });
        JsonNode lag = prometheus.query("ordering_subscription_lag_seconds");
        assertThat(lag).hasSize(5);
        for (JsonNode series : lag) {
            double seconds = Double.parseDouble(series.path("value").get(1).asText());
            assertThat(seconds).as(series.toString()).isBetween(0.0, 60.0);
        }
        // the last PlaceOrder may have ended after the latest scrape: wait for the next one
        ServeClient.await("the three PlaceOrder calls in Prometheus", () -> {
            JsonNode placed = prometheus.query(PLACED);
            return !placed.isEmpty() && RealPrometheus.value(placed) >= 3;
        });
        assertThat(RealPrometheus.value(prometheus.query("sum(ordering_subscription_dead_letters)")))
                .isZero();
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }

    private static void deleteKeys(String redisUrl, String prefix) {
        var redis = io.lettuce.core.RedisClient.create(redisUrl);
        try (var connection = redis.connect()) {
            List<String> ours = connection.sync().keys(prefix + "*");
            if (!ours.isEmpty()) {
                connection.sync().del(ours.toArray(String[]::new));
            }
        } finally {
            redis.shutdown();
        }
    }

    private static String scrape(int port) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException | InterruptedException failed) {
            throw new AssertionError(failed);
        }
    }

    @Test
    void the_shipped_alert_rules_pass_promtool() throws Exception {
        assertThat(Files.isExecutable(RealPrometheus.PROMTOOL))
                .as(RealPrometheus.PROMTOOL + " is missing: apt-get install prometheus (.ci/run installs it)")
                .isTrue();
        Path rules = Path.of("..", "deploy", "prometheus", "alerts.yml");
        var check = RealPrometheus.checkRules(rules);
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 4 rules found");
    }
}
