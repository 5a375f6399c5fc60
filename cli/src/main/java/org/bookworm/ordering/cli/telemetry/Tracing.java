package org.bookworm.ordering.cli.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The OpenTelemetry SDK, configured as OpenTelemetry's own autoconfiguration does (the standard {@code OTEL_*}
 * environment variables), exporting spans over OTLP (http/protobuf, the JDK's HTTP client). Nothing is exported unless
 * asked: with no {@code --otlp-endpoint}, no OTLP endpoint and no traces exporter in the environment, tracing is off
 * and the API's no-op stands in. Metrics and logs are never exported through it (Micrometer has the metrics).
 */
final class Tracing {
    static final String SERVICE_NAME = "bookworm-orders";

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
