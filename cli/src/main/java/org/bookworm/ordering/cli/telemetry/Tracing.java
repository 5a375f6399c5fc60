package org.bookworm.ordering.cli.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry SDK, configured as OpenTelemetry's own autoconfiguration does (the standard {@code OTEL_*}
 * environment variables), exporting spans over OTLP (http/protobuf, the JDK's HTTP client). Nothing is exported unless
 * asked: with no {@code --otlp-endpoint}, no OTLP endpoint and no traces exporter in the environment, tracing is off
 * and the API's no-op stands in. Metrics and logs are never exported through it (Micrometer has the metrics).
 *
 * <p>It keeps a tenth of the traces by default ({@value #DEFAULT_SAMPLER} at {@value #DEFAULT_RATIO}): a trace is kept
 * or dropped whole, at its root, and every span below it, across the log too (an event's traceparent carries the
 * decision), follows. Tracing every checkout cost more than issue 17's 5 % budget (docs/benchmarks.md).
 * {@code OTEL_TRACES_SAMPLER} and {@code OTEL_TRACES_SAMPLER_ARG} choose otherwise, as in any OpenTelemetry SDK.
 */
final class Tracing {
    static final String SERVICE_NAME = "bookworm-orders";
    static final String DEFAULT_SAMPLER = "parentbased_traceidratio";
    static final String DEFAULT_RATIO = "0.1";

    private Tracing() {}

    /** Whether the flag or the environment asks for traces. */
    static boolean asked(@Nullable String endpoint, Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) {
            return false;
        }
        String exporter = env.get("OTEL_TRACES_EXPORTER");
        if (exporter != null) {
            return !exporter.isBlank() && !exporter.equalsIgnoreCase("none");
        }
        return endpoint != null
                || env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT")
                || env.containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    }

    /** The SDK when asked ({@link #asked}), else the no-op API. */
    static OpenTelemetry start(@Nullable String endpoint, Map<String, String> env) {
        if (!asked(endpoint, env)) {
            return OpenTelemetry.noop();
        }
        Map<String, String> defaults = new HashMap<>();
        defaults.put("otel.service.name", SERVICE_NAME);
        defaults.put("otel.traces.exporter", "otlp");
        defaults.put("otel.metrics.exporter", "none");
        defaults.put("otel.logs.exporter", "none");
        defaults.put("otel.exporter.otlp.protocol", "http/protobuf");
        defaults.put("otel.traces.sampler", DEFAULT_SAMPLER);
        defaults.put("otel.traces.sampler.arg", DEFAULT_RATIO);
        // the environment given (the process's own in a server) as the SDK reads it, so that it wins over the defaults
        env.forEach((name, value) -> {
            if (name.startsWith("OTEL_")) {
                defaults.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                // the flag wins over the environment: it is the more specific of the two
                .addPropertiesCustomizer(
                        config -> endpoint == null ? Map.of() : Map.of("otel.exporter.otlp.endpoint", endpoint))
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    /** Flushes and stops the SDK; the no-op has nothing to stop. */
    static void stop(OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.close();
        }
    }
}
