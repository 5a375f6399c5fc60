package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.bookworm.ordering.adapter.grpc.OrderingApi;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.cli.telemetry.Telemetry;
import org.bookworm.ordering.core.composition.ServiceGraph;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One checkout is one trace (ADR 0033): the PlaceOrder call's server span is the root, every reaction along the saga
 * (reservation, payment, confirmation, the e-mail, basket clearing) is a consumer span whose parent is the append that
 * wrote its event, even though each crossed the log. On the in-memory world behind a real gRPC server, spans caught by
 * OpenTelemetry's in-memory exporter.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutTraceTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Telemetry telemetry = Telemetry.of(meters, sdk);
    private final Background scheduler = new Background();

    @TempDir
    Path dataDir;

    @AfterEach
    void stop() {
        scheduler.close();
        sdk.close();
    }

    @Test
    void one_checkout_is_one_trace_whose_spans_cover_each_saga_step_with_parents_across_the_log() {
        var world = new InMemoryBookWorm(
                ServiceGraph.Settings.of(Clock.systemUTC(), new SecureRandom()),
                telemetry::events,
                telemetry.handlers());
        Wiring.demoBooks().forEach(world.catalog::put);
        world.inventory.restock(Wiring.DUNE, Wiring.DEMO_STOCK);
        scheduler.drainEvery(world, Duration.ofMillis(20));
        var api = new OrderingApi(
                Wiring.services(world.graph()),
                JwtVerifier.fromFile(new DevKeys(dataDir, Clock.systemUTC()).jwks(), DevKeys.ISSUER, DevKeys.AUDIENCE),
                OrderingApi.Limits.defaults(),
                scheduler.executor);
        try (var server = GrpcServer.start(
                        new GrpcServer.Settings("127.0.0.1", 0, 4, 16, null, null), api, telemetry.interceptors());
                var client = new ServeClient(server.port(), dataDir, UUID.randomUUID())) {
            client.createBuyer();
            String order = client.placeOrder("order-1");
            client.awaitStatus(order, OrderStatus.ORDER_STATUS_CONFIRMED);
            ServeClient.await(
                    "the confirmation e-mail", () -> world.mailer.sent().size() == 1);
        }
        scheduler.close();

        SpanData placeOrder = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("bookworm.ordering.v1.OrderingService/PlaceOrder"))
                .filter(span -> span.getStatus().getStatusCode() != StatusCode.ERROR) // a refused try is retried
                .reduce((first, second) -> second)
                .orElseThrow();
        List<SpanData> trace = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(placeOrder.getTraceId()))
                .toList();
        Map<String, SpanData> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));

        assertThat(placeOrder.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(placeOrder.getInstrumentationScopeInfo().getName())
                .as("the server span is ours, made only for a kept trace (ADR 0040, second amendment)")
                .isEqualTo("org.bookworm.ordering");
        assertThat(placeOrder.getAttributes().asMap())
                .as("with the RPC semantic conventions' attributes, the peer's address from the real connection")
                .containsEntry(AttributeKey.stringKey("rpc.system"), "grpc")
                .containsEntry(AttributeKey.stringKey("rpc.service"), "bookworm.ordering.v1.OrderingService")
                .containsEntry(AttributeKey.stringKey("rpc.method"), "PlaceOrder")
                .containsEntry(AttributeKey.longKey("rpc.grpc.status_code"), 0L)
                .containsKeys(
                        AttributeKey.stringKey("server.address"),
                        AttributeKey.stringKey("network.peer.address"),
                        AttributeKey.longKey("network.peer.port"));
        assertThat(meters.get("rpc.server.call.duration")
                        .tag("rpc.method", "PlaceOrder")
                        .tag("rpc.grpc.status_code", "OK")
                        .timer()
                        .count())
                .as("and the call is still measured into Micrometer, by method and status code")
                .isPositive();
        assertThat(placeOrder.getParentSpanContext().isValid())
                .as("PlaceOrder is the root")
                .isFalse();
        assertThat(trace)
                .as("every other span of the trace has its parent in the trace")
                .filteredOn(span -> span != placeOrder)
                .allSatisfy(span -> assertThat(byId).containsKey(span.getParentSpanId()));
        List<SpanData> reactions = trace.stream()
                .filter(span -> span.getKind() == SpanKind.CONSUMER)
                .toList();
        assertThat(reactions)
                .as("each reaction's parent is the append that wrote its event")
                .allSatisfy(reaction -> assertThat(
                                byId.get(reaction.getParentSpanId()).getName())
                        .startsWith("event_store append"));
        assertThat(reactions.stream().map(SpanData::getName))
                .as("each step the saga's reactor acts on, and the two followers of the confirmation")
                .contains(
                        "checkout-saga process OrderPlaced",
                        "checkout-saga process ReservationRequested",
                        "checkout-saga process PaymentRequested",
                        "checkout-saga process CheckoutConfirmed",
                        "notifications process OrderConfirmed",
                        "basket-clearing process OrderConfirmed")
                .as("a subscription reads only the events it handles, decorated or not (ADR 0030)")
                .doesNotContain("checkout-saga process CheckoutStarted", "basket-clearing process OrderPlaced");
        assertThat(meters.get("ordering.checkout.time_to_confirm").timer().count())
                .as("the checkout was timed from its order's placement to its confirmation")
                .isEqualTo(1);
    }

    /** Drains the world on one thread, as {@code serve --in-memory} does, and lends the API its scheduler. */
    private static final class Background implements AutoCloseable {
        final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);

        void drainEvery(InMemoryBookWorm world, Duration every) {
            executor.scheduleWithFixedDelay(world::drain, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            executor.shutdownNow();
            try {
                executor.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
