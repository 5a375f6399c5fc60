/**
 * Observability of {@code ordering serve} (ADR 0033): Micrometer metrics with a Prometheus scrape endpoint, and
 * OpenTelemetry traces that cross the log through each event's {@code traceparent}. Everything here wraps a port, a
 * subscription's handler or the gRPC server from outside; {@link org.bookworm.ordering.cli.telemetry.Telemetry} is the
 * one entry point, and when it is off nothing is wrapped at all.
 */
@NullMarked
package org.bookworm.ordering.cli.telemetry;

import org.jspecify.annotations.NullMarked;
