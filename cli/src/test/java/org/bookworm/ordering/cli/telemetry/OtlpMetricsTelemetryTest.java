package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Metrics pushed over OTLP to a receiver on loopback, as an OpenTelemetry collector would receive them. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OtlpMetricsTelemetryTest {
    private record Post(String path, String contentType, byte[] body) {}

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @BeforeEach
    void receive() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            posts.add(new Post(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void with_an_otlp_endpoint_the_meters_are_pushed_as_protobuf_to_its_v1_metrics() {
        var settings = new Telemetry.Settings(
                null,
                "127.0.0.1",
                base(),
                Map.of("OTEL_METRIC_EXPORT_INTERVAL", "200", "OTEL_TRACES_EXPORTER", "none"));
        try (var telemetry = Telemetry.start(settings)) {
            appendOne(telemetry);

            await().atMost(Duration.ofSeconds(15)).until(() -> arrived("/v1/metrics", "ordering.event_store.appends"));
        }
        assertThat(posts)
                .filteredOn(post -> post.path().equals("/v1/metrics"))
                .allSatisfy(post -> assertThat(post.contentType()).isEqualTo("application/x-protobuf"));
    }

    @Test
    void with_a_metrics_port_too_the_same_meters_are_scraped_and_pushed_when_otlp_is_named() throws Exception {
        var settings = new Telemetry.Settings(
                0,
                "127.0.0.1",
                base(),
                Map.of(
                        "OTEL_METRICS_EXPORTER", "prometheus,otlp",
                        "OTEL_METRIC_EXPORT_INTERVAL", "200",
                        "OTEL_TRACES_EXPORTER", "none"));
        try (var telemetry = Telemetry.start(settings)) {
            appendOne(telemetry);

            await().atMost(Duration.ofSeconds(15)).until(() -> arrived("/v1/metrics", "ordering.event_store.appends"));
            var scrape = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + telemetry.metricsPort() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.body()).contains("ordering_event_store_appends_total{");
            assertThat(telemetry.describe()).contains("/metrics and OTLP");
        }
    }

    @Test
    void with_a_metrics_port_the_shared_endpoint_carries_traces_only_and_each_meter_is_recorded_once() {
        var settings = new Telemetry.Settings(
                0,
                "127.0.0.1",
                base(),
                Map.of("OTEL_METRIC_EXPORT_INTERVAL", "200", "OTEL_TRACES_SAMPLER", "always_on"));
        try (var telemetry = Telemetry.start(settings)) {
            appendOne(telemetry);

            assertThat(telemetry.describe())
                    .isEqualTo("metrics http://<bind>:" + telemetry.metricsPort() + "/metrics, traces OTLP");
        } // closing flushes the spans, and would push the meters a last time if an OTLP registry were there
        await().atMost(Duration.ofSeconds(15)).until(() -> arrived("/v1/traces", "event_store append"));
        assertThat(posts).extracting(Post::path).doesNotContain("/v1/metrics");
    }

    @Test
    void the_metrics_own_endpoint_variable_asks_for_the_push_next_to_the_scrape_endpoint() {
        var settings = new Telemetry.Settings(
                0,
                "127.0.0.1",
                null,
                Map.of(
                        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                        base() + "/v1/metrics",
                        "OTEL_METRIC_EXPORT_INTERVAL",
                        "200"));
        try (var telemetry = Telemetry.start(settings)) {
            appendOne(telemetry);

            assertThat(telemetry.describe()).contains("/metrics and OTLP, traces off");
            await().atMost(Duration.ofSeconds(15)).until(() -> arrived("/v1/metrics", "ordering.event_store.appends"));
        }
    }

    @Test
    void the_metrics_endpoint_variable_is_the_whole_url_and_wins_over_the_flag() {
        var settings = new Telemetry.Settings(
                null,
                "127.0.0.1",
                base() + "/elsewhere",
                Map.of(
                        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", base() + "/collector/metrics",
                        "OTEL_METRIC_EXPORT_INTERVAL", "200",
                        "OTEL_TRACES_EXPORTER", "none"));
        try (var telemetry = Telemetry.start(settings)) {
            appendOne(telemetry);

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> arrived("/collector/metrics", "ordering.event_store.appends"));
        }
        assertThat(posts).extracting(Post::path).containsOnly("/collector/metrics");
    }

    @Test
    void the_standard_variables_turn_metrics_export_off_and_nothing_is_observed() {
        var noMetrics = Map.of("OTEL_METRICS_EXPORTER", "none", "OTEL_TRACES_EXPORTER", "none");
        var disabled = Map.of("OTEL_SDK_DISABLED", "true", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", base());

        assertThat(Telemetry.start(new Telemetry.Settings(null, "127.0.0.1", base(), noMetrics)))
                .isSameAs(Telemetry.OFF);
        assertThat(Telemetry.start(new Telemetry.Settings(null, "127.0.0.1", base(), disabled)))
                .isSameAs(Telemetry.OFF);
    }

    private String base() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    private boolean arrived(String path, String metric) {
        byte[] name = metric.getBytes(StandardCharsets.UTF_8);
        return posts.stream().filter(post -> post.path().equals(path)).anyMatch(post -> contains(post.body(), name));
    }

    private static boolean contains(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (body[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static void appendOne(Telemetry telemetry) {
        var store = telemetry.events(new InMemoryEventStore(Clock.systemUTC()));
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        store.append(
                stream,
                0,
                List.of(new NewEvent(
                        UUID.randomUUID(),
                        new OrderEvent.OrderDeleted(new OrderId(stream.id()), Instant.EPOCH),
                        new Metadata("admin", List.of("admin"), UUID.randomUUID(), null, "req-1"))));
    }
}
