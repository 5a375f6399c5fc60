package org.bookworm.ordering.cli;

import java.net.URI;
import java.util.Map;
import org.bookworm.ordering.cli.telemetry.Telemetry;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code serve}'s observability options (ADR 0033): the scrape endpoint, where traces go, and the log format. */
final class TelemetryOptions {
    @Option(
            names = "--metrics-port",
            defaultValue = "${env:ORDERING_METRICS_PORT}",
            description = "Serve Prometheus metrics on http://<--metrics-bind>:PORT/metrics (0: any free port);"
                    + " default: no metrics.")
    @Nullable
    Integer metricsPort;

    @Option(
            names = "--metrics-bind",
            defaultValue = "${env:ORDERING_METRICS_BIND:-127.0.0.1}",
            description = "Address the metrics endpoint binds to (default: ${DEFAULT-VALUE}).")
    String metricsBind = "127.0.0.1";

    @Option(
            names = "--otlp-endpoint",
            defaultValue = "${env:ORDERING_OTLP_ENDPOINT}",
            description = "Export traces over OTLP http/protobuf to this URL (e.g. http://127.0.0.1:4318), and the"
                    + " metrics too unless --metrics-port serves them (OTEL_METRICS_EXPORTER=otlp: both); the"
                    + " standard OTEL_* variables work too. Default: nothing exported.")
    @Nullable
    String otlpEndpoint;

    @Option(
            names = "--log-format",
            defaultValue = "${env:ORDERING_LOG_FORMAT:-text}",
            description = "text or json (one object a line, trace ids included); default: ${DEFAULT-VALUE}.")
    String logFormat = "text";

    /** The settings, each checked: a mistake is a usage error naming its flag. */
    Telemetry.Settings settings(Map<String, String> env) {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new IllegalArgumentException("--metrics-port is between 0 and 65535, not " + metricsPort);
        }
        try {
            java.net.InetAddress.getByName(metricsBind);
        } catch (java.net.UnknownHostException unknown) {
            throw new IllegalArgumentException("--metrics-bind " + metricsBind + " is not a known address");
        }
        if (otlpEndpoint != null) {
            requireHttpUrl(otlpEndpoint);
        }
        return new Telemetry.Settings(metricsPort, metricsBind, otlpEndpoint, env);
    }

    LogFormat format() {
        return LogFormat.parse(logFormat);
    }

    /** Whether anything is observed: --in-memory serves unobserved. */
    boolean asked() {
        return metricsPort != null || otlpEndpoint != null;
    }

    private static void requireHttpUrl(String url) {
        try {
            var uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("--otlp-endpoint '" + url + "' is not an http(s) URL");
            }
        } catch (java.net.URISyntaxException malformed) {
            throw new IllegalArgumentException("--otlp-endpoint '" + url + "' is not an http(s) URL");
        }
    }
}
