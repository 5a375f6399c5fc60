package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metrics pushed over OTLP (http/protobuf) by Micrometer's own OTLP registry, instead of or (when named) next to the
 * Prometheus scrape endpoint. Without a scrape endpoint it is asked for as traces are: {@code --otlp-endpoint} (the
 * base URL, {@code /v1/metrics} appended), {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the same),
 * {@code OTEL_EXPORTER_OTLP_METRICS_ENDPOINT} (the whole URL; it wins, as in OpenTelemetry's own SDK), pushed every
 * {@code OTEL_METRIC_EXPORT_INTERVAL} ms (default 60,000). With {@code --metrics-port} the scrape endpoint is the
 * metrics' exporter (as {@code OTEL_METRICS_EXPORTER=prometheus} is the SDK's), so a shared endpoint carries traces
 * only and every meter is recorded once; the push joins it only when named: {@code OTEL_METRICS_EXPORTER} listing
 * {@code otlp}, or the metrics' own endpoint variable. {@code OTEL_METRICS_EXPORTER} without {@code otlp} (e.g.
 * {@code none}) or {@code OTEL_SDK_DISABLED=true} turn it off.
 */
final class MetricsExport {
    private static final String DEFAULT_BASE = "http://localhost:4318";
    private static final Duration DEFAULT_STEP = Duration.ofSeconds(60);

    private MetricsExport() {}

    /**
     * Whether the flag or the environment asks for metrics over OTLP; {@code scraped}: whether the Prometheus endpoint
     * is on, which makes only the push's own words ask for it.
     */
    static boolean asked(@Nullable String endpoint, Map<String, String> env, boolean scraped) {
        if ("true".equalsIgnoreCase(env.get("OTEL_SDK_DISABLED"))) {
            return false;
        }
        String exporter = env.get("OTEL_METRICS_EXPORTER");
        if (exporter != null) {
            return Arrays.stream(exporter.split(",")).map(String::strip).anyMatch("otlp"::equalsIgnoreCase);
        }
        if (env.containsKey("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")) {
            return true;
        }
        return !scraped && (endpoint != null || env.containsKey("OTEL_EXPORTER_OTLP_ENDPOINT"));
    }

    /** Where the metrics go: the metrics' own variable, else the flag's or the variable's base with /v1/metrics. */
    static String url(@Nullable String endpoint, Map<String, String> env) {
        String whole = env.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        if (whole != null && !whole.isBlank()) {
            return whole;
        }
        String base = endpoint != null ? endpoint : env.getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", DEFAULT_BASE);
        return base.replaceAll("/+$", "") + "/v1/metrics";
    }

    /** How often they are pushed. */
    static Duration step(Map<String, String> env) {
        String millis = env.get("OTEL_METRIC_EXPORT_INTERVAL");
        if (millis == null || millis.isBlank()) {
            return DEFAULT_STEP;
        }
        try {
            long parsed = Long.parseLong(millis.strip());
            if (parsed > 0) {
                return Duration.ofMillis(parsed);
            }
        } catch (NumberFormatException notANumber) {
            // the same message as a non-positive number
        }
        throw new IllegalArgumentException(
                "OTEL_METRIC_EXPORT_INTERVAL is a positive number of milliseconds, not '" + millis + "'");
    }

    /** Micrometer's OTLP registry, pushing on its own daemon thread from now until it is closed. */
    static OtlpMeterRegistry start(@Nullable String endpoint, Map<String, String> env) {
        String url = url(endpoint, env);
        Duration step = step(env);
        OtlpConfig config = new OtlpConfig() {
            @Override
            public @Nullable String get(String key) {
                return null;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration step() {
                return step;
            }

            @Override
            public Map<String, String> resourceAttributes() {
                var attributes = new HashMap<>(OtlpConfig.super.resourceAttributes());
                if (!env.containsKey("OTEL_SERVICE_NAME") && "unknown_service".equals(attributes.get("service.name"))) {
                    attributes.put("service.name", Tracing.SERVICE_NAME);
                }
                return attributes;
            }
        };
        return new OtlpMeterRegistry(config, Clock.SYSTEM);
    }
}
