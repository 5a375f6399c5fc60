package org.bookworm.ordering.cli.telemetry;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Prometheus' scrape endpoint ({@code /metrics}) on the Prometheus client's own HTTP server, serving the Micrometer
 * registry. It binds to loopback unless told otherwise: metrics name subscriptions and queues, not for everyone.
 */
final class ScrapeEndpoint implements AutoCloseable {
    private final HTTPServer server;

    private ScrapeEndpoint(HTTPServer server) {
        this.server = server;
    }

    static ScrapeEndpoint start(PrometheusMeterRegistry registry, String bind, int port) {
        try {
            return new ScrapeEndpoint(HTTPServer.builder()
                    .hostname(bind)
                    .port(port)
                    .registry(registry.getPrometheusRegistry())
                    .buildAndStart());
        } catch (IOException cannotBind) {
            throw new UncheckedIOException("metrics: cannot listen on " + bind + ":" + port, cannotBind);
        }
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
