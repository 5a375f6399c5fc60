package org.bookworm.ordering.cli.telemetry;

import io.grpc.ServerInterceptor;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerCommandLatencyRecorder;
import io.lettuce.core.metrics.MicrometerOptions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.notification.Mailer;
import org.jspecify.annotations.Nullable;

/**
 * Metrics and traces of one server (ADR 0033), and the one place that wraps ports, handlers and the gRPC server with
 * them. {@link #OFF} wraps nothing: every method hands back what it was given, so an unobserved server runs exactly
 * the code it ran before. Metrics alone leave the tracer a no-op; traces alone leave the meters a no-op.
 */
public final class Telemetry implements AutoCloseable {
    /** Neither metrics nor traces: nothing is wrapped. */
    public static final Telemetry OFF = new Telemetry(null, null, OpenTelemetry.noop(), null);

    /** How often the store's gauges (lag, backlog, horizon) are sampled. */
    static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

    /**
     * What an operator asked for.
     *
     * @param metricsPort the scrape endpoint's port (0: any free one), or null for no endpoint
     * @param metricsBind the address it binds to
     * @param otlpEndpoint where spans go (OTLP http/protobuf), or null to leave it to the {@code OTEL_*} variables
     * @param env the environment, for the {@code OTEL_*} variables
     */
    public record Settings(
            @Nullable Integer metricsPort,
            String metricsBind,
            @Nullable String otlpEndpoint,
            Map<String, String> env) {
        public Settings {
            Objects.requireNonNull(metricsBind, "metrics bind address");
            env = Map.copyOf(env);
        }
    }

    private final @Nullable MeterRegistry registry;
    private final @Nullable ScrapeEndpoint endpoint;
    private final OpenTelemetry openTelemetry;
    private final @Nullable Meters meters;
    private final Tracer tracer;
    private final List<AutoCloseable> closing = new ArrayList<>();

    private Telemetry(
            @Nullable MeterRegistry registry,
            @Nullable ScrapeEndpoint endpoint,
            OpenTelemetry openTelemetry,
            @Nullable MeterRegistry metersOrNull) {
        this.registry = registry;
        this.endpoint = endpoint;
        this.openTelemetry = openTelemetry;
        this.meters = metersOrNull == null ? null : new Meters(metersOrNull);
        this.tracer = openTelemetry.getTracer("org.bookworm.ordering");
    }

    /**
     * Starts what {@code settings} ask for: the scrape endpoint, OTLP export of the same meters (both through one
     * composite registry when both are named, {@link MetricsExport}), the JVM's meters with either, the tracing SDK,
     * or nothing.
     */
    public static Telemetry start(Settings settings) {
        boolean tracing = Tracing.asked(settings.otlpEndpoint(), settings.env());
        boolean pushing = MetricsExport.asked(settings.otlpEndpoint(), settings.env(), settings.metricsPort() != null);
        if (settings.metricsPort() == null && !tracing && !pushing) {
            return OFF;
        }
        OpenTelemetry openTelemetry = Tracing.start(settings.otlpEndpoint(), settings.env());
        if (settings.metricsPort() == null && !pushing) {
            return new Telemetry(null, null, openTelemetry, new CompositeMeterRegistry());
        }
        var started = new ArrayList<MeterRegistry>();
        try {
            @Nullable ScrapeEndpoint endpoint = null;
            if (settings.metricsPort() != null) {
                var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                started.add(prometheus);
                endpoint = ScrapeEndpoint.start(prometheus, settings.metricsBind(), settings.metricsPort());
            }
            if (pushing) {
                started.add(MetricsExport.start(settings.otlpEndpoint(), settings.env()));
            }
            MeterRegistry registry = started.size() == 1 ? started.get(0) : composite(started);
            var telemetry = new Telemetry(registry, endpoint, openTelemetry, registry);
            telemetry.bindJvm(registry);
            return telemetry;
        } catch (RuntimeException failed) {
            Tracing.stop(openTelemetry);
            started.forEach(MeterRegistry::close);
            throw failed;
        }
    }

    private static MeterRegistry composite(List<MeterRegistry> members) {
        var composite = new CompositeMeterRegistry();
        members.forEach(composite::add);
        return composite;
    }

    /** Metrics into {@code registry} and traces through {@code openTelemetry}, with no endpoint (tests). */
    public static Telemetry of(MeterRegistry registry, OpenTelemetry openTelemetry) {
        return new Telemetry(registry, null, openTelemetry, registry);
    }

    private void bindJvm(MeterRegistry into) {
        new ClassLoaderMetrics().bindTo(into);
        new JvmMemoryMetrics().bindTo(into);
        var gc = new JvmGcMetrics();
        gc.bindTo(into);
        closing.add(gc);
        new JvmThreadMetrics().bindTo(into);
        new ProcessorMetrics().bindTo(into);
        new UptimeMetrics().bindTo(into);
        new FileDescriptorMetrics().bindTo(into);
    }

    public boolean isOn() {
        return meters != null;
    }

    /** The scrape endpoint's port, or null when there is none. */
    public @Nullable Integer metricsPort() {
        return endpoint == null ? null : endpoint.port();
    }

    /** What the banner says about it. */
    public String describe() {
        String scrape = endpoint == null ? null : "http://<bind>:" + endpoint.port() + "/metrics";
        boolean pushed = registry instanceof OtlpMeterRegistry
                || registry instanceof CompositeMeterRegistry composite
                        && composite.getRegistries().stream().anyMatch(OtlpMeterRegistry.class::isInstance);
        String metrics = scrape == null ? (pushed ? "OTLP" : "off") : scrape + (pushed ? " and OTLP" : "");
        String traces = openTelemetry == OpenTelemetry.noop() ? "off" : "OTLP";
        return "metrics " + metrics + ", traces " + traces;
    }

    public EventStore events(EventStore store) {
        return meters == null ? store : new ObservedEventStore(store, meters, tracer);
    }

    public Mailer mailer(Mailer mailer) {
        return meters == null ? mailer : new ObservedMailer(mailer, meters, tracer);
    }

    public SagaDeadlines deadlines(SagaDeadlines deadlines) {
        return meters == null ? deadlines : new ObservedDeadlines(deadlines, meters);
    }

    /** Lettuce's own Micrometer recorder of Redis command latencies ({@code lettuce_command_*}); disabled when off. */
    public CommandLatencyRecorder redisLatencies() {
        return registry == null
                ? CommandLatencyRecorder.disabled()
                : new MicrometerCommandLatencyRecorder(registry, MicrometerOptions.create());
    }

    /** Wraps each subscription's handler; {@link EventHandler.Decorator#NONE} when off. */
    public EventHandler.Decorator handlers() {
        return meters == null
                ? EventHandler.Decorator.NONE
                : new ObservedHandlers(meters, tracer, new CheckoutClock(meters, CheckoutReactor.NAME));
    }

    /** The server's outermost interceptors: none when off. */
    public List<ServerInterceptor> interceptors() {
        return meters == null ? List.of() : RpcTelemetry.interceptors(meters, openTelemetry);
    }

    /**
     * Gauges of what waits in {@code pg} (lag, dead letters, horizon, outbox, sagas) for the named subscriptions, and
     * HikariCP's own pool meters, and the group commit's batch size and duration. Only with a scrape endpoint or OTLP
     * export: nothing else would read them.
     */
    public void watch(PostgresAdapters pg, List<String> subscriptions, InstantSource clock) {
        if (registry == null) {
            return;
        }
        pg.meterPool(registry);
        pg.listenToGroupCommits(new GroupCommitMeters(registry));
        closing.add(new StoreGauges(registry, pg, subscriptions, clock, SAMPLE_EVERY));
    }

    /**
     * The server's admission: unary calls in flight and calls refused at capacity (those never reach the interceptors,
     * so {@code rpc.server.call.duration} does not count them).
     */
    public void watch(GrpcServer server) {
        if (registry == null) {
            return;
        }
        Gauge.builder("ordering.rpc.server.calls_in_flight", server, GrpcServer::callsInFlight)
                .description("Unary calls admitted and not yet ended (at most 64)")
                .register(registry);
        FunctionCounter.builder("ordering.rpc.server.refused", server, GrpcServer::refusedCalls)
                .description("Calls refused at capacity with RESOURCE_EXHAUSTED before any interceptor")
                .register(registry);
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : closing.reversed()) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing meters cannot fail in a way anyone could act on at shutdown
            }
        }
        if (endpoint != null) {
            endpoint.close();
        }
        Tracing.stop(openTelemetry);
        if (registry != null) {
            // a composite does not close its members: each is closed too, the OTLP one pushing a last time
            if (registry instanceof CompositeMeterRegistry composite) {
                composite.getRegistries().forEach(MeterRegistry::close);
            }
            registry.close();
        }
    }
}
