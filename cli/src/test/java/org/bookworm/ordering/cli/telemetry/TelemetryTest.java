package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

@DisplayNameGeneration(ReplaceUnderscores.class)
class TelemetryTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Telemetry telemetry = Telemetry.of(meters, sdk);

    @AfterEach
    void stop() {
        sdk.close();
    }

    @Test
    void off_wraps_nothing_so_an_unobserved_server_runs_the_code_it_ran_before() {
        var store = new InMemoryEventStore(Clock.systemUTC());
        var mailer = new InMemoryMailer();
        EventHandler handler = event -> {};

        assertThat(Telemetry.OFF.events(store)).isSameAs(store);
        assertThat(Telemetry.OFF.mailer(mailer)).isSameAs(mailer);
        assertThat(Telemetry.OFF.handlers().decorate("any", handler)).isSameAs(handler);
        assertThat(Telemetry.OFF.interceptors()).isEmpty();
        assertThat(Telemetry.start(new Telemetry.Settings(null, "127.0.0.1", null, Map.of())))
                .isSameAs(Telemetry.OFF);
    }

    @Test
    void an_append_stamps_its_span_on_the_events_and_counts_them_and_a_conflict_is_counted_and_writes_nothing() {
        var store = new InMemoryEventStore(Clock.systemUTC());
        var observed = telemetry.events(store);
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));

        observed.append(stream, 0, List.of(deleted(stream)));
        assertThatThrownBy(() -> observed.append(stream, 0, List.of(deleted(stream))))
                .isInstanceOf(ConcurrencyConflict.class);

        SpanData append = spans.getFinishedSpanItems().get(0);
        assertThat(store.load(stream).events().get(0).metadata().traceparent())
                .startsWith("00-" + append.getTraceId() + "-" + append.getSpanId() + "-");
        assertThat(store.load(stream).version()).isEqualTo(1);
        assertThat(meters.get("ordering.event_store.appends")
                        .tag("outcome", "ok")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(meters.get("ordering.event_store.conflicts").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("ordering.event_store.events.appended")
                        .tag("event", "OrderDeleted")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void the_store_s_and_a_handler_s_meters_are_registered_on_first_use_and_the_same_ones_count_every_later_call() {
        var added = new AtomicInteger();
        meters.config().onMeterAdded(meter -> added.incrementAndGet());
        var observed = telemetry.events(new InMemoryEventStore(Clock.systemUTC()));
        EventHandler handler = telemetry.handlers().decorate("order-views", event -> {});
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        observed.append(stream, 0, List.of(deleted(stream)));
        observed.load(stream);
        handler.handle(recorded(null));
        int afterFirst = added.get();

        for (int version = 1; version <= 20; version++) {
            StreamId another = OrderService.stream(new OrderId(UUID.randomUUID()));
            observed.append(another, 0, List.of(deleted(another)));
            observed.load(another);
            handler.handle(recorded(null));
        }

        // the decorators keep what they resolved per stream type, event class and subscription: no meter is looked
        // up, let alone registered, again; and the one of each series counts every call
        assertThat(added.get()).isEqualTo(afterFirst);
        assertThat(meters.get("ordering.event_store.events.appended")
                        .tags("stream.type", "order", "event", "OrderDeleted")
                        .counter()
                        .count())
                .isEqualTo(21);
        assertThat(meters.get("db.client.operation.duration")
                        .tags("db.operation.name", "load", "db.collection.name", "order", "error.type", "")
                        .timer()
                        .count())
                .isEqualTo(21);
        assertThat(meters.get("ordering.event_store.append.duration")
                        .tags("stream.type", "order", "outcome", "ok")
                        .timer()
                        .count())
                .isEqualTo(21);
        assertThat(meters.get("ordering.subscription.handled")
                        .tags("subscription", "order-views", "event", "OrderDeleted")
                        .counter()
                        .count())
                .isEqualTo(21);
        assertThat(meters.get("messaging.process.duration")
                        .tags("messaging.consumer.group.name", "order-views", "error.type", "")
                        .timer()
                        .count())
                .isEqualTo(21);
    }

    @Test
    void the_events_of_one_decision_keep_sharing_one_metadata_once_stamped() {
        var store = new InMemoryEventStore(Clock.systemUTC());
        var observed = telemetry.events(store);
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        var shared = new Metadata("admin", List.of("admin"), UUID.randomUUID(), null, "req-1");
        var events = List.of(deleted(stream, shared), deleted(stream, shared), deleted(stream, shared));

        observed.append(stream, 0, events);

        // the store writes a decision's metadata once per distinct instance (AppendArrays): one stamp, not three
        List<Metadata> stored = store.load(stream).events().stream()
                .map(RecordedEvent::metadata)
                .toList();
        assertThat(stored.get(0).traceparent()).isNotNull();
        assertThat(stored).allSatisfy(metadata -> assertThat(metadata).isSameAs(stored.get(0)));
    }

    @Test
    void a_line_the_core_logs_while_a_handler_runs_carries_the_trace_and_span_of_the_event_it_handles() {
        var captured = new ListAppender<ILoggingEvent>();
        captured.start();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try {
            // as the core logs: System.Logger, routed to SLF4J by slf4j-jdk-platform-logging
            EventHandler logging =
                    event -> System.getLogger("core").log(System.Logger.Level.INFO, "handling " + event.eventId());
            RecordedEvent event = recorded("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

            telemetry.handlers().decorate("notifications", logging).handle(event);

            SpanData handled = spans.getFinishedSpanItems().get(0);
            assertThat(handled.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(handled.getParentSpanId()).isEqualTo("b7ad6b7169203331");
            var line = captured.list.stream()
                    .filter(logged -> logged.getFormattedMessage().startsWith("handling "))
                    .findFirst()
                    .orElseThrow();
            assertThat(line.getMDCPropertyMap())
                    .containsEntry("trace_id", handled.getTraceId())
                    .containsEntry("span_id", handled.getSpanId());
            assertThat(meters.get("ordering.subscription.handled")
                            .tag("subscription", "notifications")
                            .counter()
                            .count())
                    .isEqualTo(1);
        } finally {
            root.detachAppender(captured);
        }
    }

    @Test
    @SuppressWarnings("try") // the scope is only opened and closed
    void an_append_in_a_trace_dropped_at_its_root_makes_no_span_and_stamps_that_trace_with_its_decision() {
        var store = new InMemoryEventStore(Clock.systemUTC());
        var observed = telemetry.events(store);
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        Span dropped = Span.wrap(SpanContext.create(
                "0af7651916cd43dd8448eb211c80319c",
                "b7ad6b7169203331",
                TraceFlags.getDefault(),
                TraceState.getDefault()));

        try (Scope scope = dropped.makeCurrent()) {
            observed.append(stream, 0, List.of(deleted(stream)));
        }

        // the server span of a trace the sampler dropped is the events' parent: no span id of the store's own
        assertThat(store.load(stream).events().get(0).metadata().traceparent())
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
        assertThat(meters.get("db.client.operation.duration")
                        .tag("db.operation.name", "append")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void a_reaction_in_a_dropped_trace_makes_no_span_and_its_appends_and_log_lines_carry_the_event_s_trace() {
        var captured = new ListAppender<ILoggingEvent>();
        captured.start();
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(captured);
        try {
            var store = new InMemoryEventStore(Clock.systemUTC());
            var observed = telemetry.events(store);
            StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
            EventHandler reaction = event -> {
                System.getLogger("core").log(System.Logger.Level.INFO, "reacting to " + event.eventId());
                observed.append(stream, 0, List.of(deleted(stream)));
            };
            String unsampled = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

            telemetry.handlers().decorate("notifications", reaction).handle(recorded(unsampled));

            assertThat(store.load(stream).events().get(0).metadata().traceparent())
                    .isEqualTo(unsampled);
            assertThat(spans.getFinishedSpanItems()).isEmpty();
            var line = captured.list.stream()
                    .filter(logged -> logged.getFormattedMessage().startsWith("reacting to "))
                    .findFirst()
                    .orElseThrow();
            assertThat(line.getMDCPropertyMap())
                    .containsEntry("trace_id", "0af7651916cd43dd8448eb211c80319c")
                    .containsEntry("span_id", "b7ad6b7169203331");
            assertThat(meters.get("ordering.subscription.handled")
                            .tag("subscription", "notifications")
                            .counter()
                            .count())
                    .isEqualTo(1);
        } finally {
            root.detachAppender(captured);
        }
    }

    @Test
    void a_failing_handler_fails_unchanged_and_is_counted() {
        var failure = new IllegalStateException("broken");
        EventHandler failing = event -> {
            throw failure;
        };

        assertThatThrownBy(() ->
                        telemetry.handlers().decorate("checkout-saga", failing).handle(recorded(null)))
                .isSameAs(failure);
        assertThat(meters.get("ordering.subscription.failures")
                        .tag("error.type", "IllegalStateException")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static NewEvent deleted(StreamId stream) {
        return deleted(stream, new Metadata("admin", List.of("admin"), UUID.randomUUID(), null, "req-1"));
    }

    private static NewEvent deleted(StreamId stream, Metadata metadata) {
        return new NewEvent(
                UUID.randomUUID(), new OrderEvent.OrderDeleted(new OrderId(stream.id()), Instant.EPOCH), metadata);
    }

    private static RecordedEvent recorded(String traceparent) {
        var order = new OrderId(UUID.randomUUID());
        return new RecordedEvent(
                new LogPosition(1, 1),
                OrderService.stream(order),
                1,
                UUID.randomUUID(),
                new OrderEvent.OrderDeleted(order, Instant.EPOCH),
                new Metadata("svc", List.of("system"), UUID.randomUUID(), null, null).withTraceparent(traceparent),
                Instant.EPOCH);
    }
}
