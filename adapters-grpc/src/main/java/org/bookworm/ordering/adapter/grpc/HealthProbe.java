package org.bookworm.ordering.adapter.grpc;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Asks a running server's gRPC health service whether it serves, as {@code ordering wait} does until it does.
 * Plaintext, like {@link OrderingClient}: for loopback and development servers. Proto types stay in this module.
 */
public final class HealthProbe implements AutoCloseable {
    private final ManagedChannel channel;

    public HealthProbe(String host, int port) {
        this.channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
                .build();
    }

    /** What one check found: serving, or what stands in the way, in words ({@code UNAVAILABLE: ...}). */
    public record Answer(boolean serving, String detail) {}

    /** One health check of the whole server, answered within {@code deadline}. */
    public Answer check(Duration deadline) {
        // a refused connection backs the channel off for up to two minutes; the caller paces its checks itself
        channel.resetConnectBackoff();
        try {
            ServingStatus status = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus();
            return new Answer(status == ServingStatus.SERVING, status.name());
        } catch (StatusRuntimeException unanswered) {
            return new Answer(false, describe(unanswered.getStatus()));
        }
    }

    private static String describe(Status status) {
        var words = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            words.append(": ").append(status.getDescription());
        }
        Throwable cause = status.getCause();
        while (cause != null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause != null && cause.getMessage() != null) {
            words.append(" (").append(cause.getMessage()).append(')');
        }
        return words.toString();
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
