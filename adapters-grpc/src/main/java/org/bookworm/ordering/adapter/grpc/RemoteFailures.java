package org.bookworm.ordering.adapter.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.function.BiFunction;
import org.bookworm.ordering.core.eventsourcing.TransientFailure;

/**
 * How a failed call to another process of the deployment reaches the port's caller (ADR 0031): a status that can pass
 * by waiting is the port's own transient failure (its held lane retries it, ADR 0014), a refused input is the
 * port's {@link IllegalArgumentException}, anything else a fault naming the status.
 */
final class RemoteFailures {
    private RemoteFailures() {}

    static RuntimeException of(
            String call,
            StatusRuntimeException failed,
            BiFunction<String, Throwable, ? extends TransientFailure> transientFailure) {
        Status status = failed.getStatus();
        String message =
                call + ": " + status.getCode() + (status.getDescription() == null ? "" : " " + status.getDescription());
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED -> transientFailure.apply(message, failed);
            case INVALID_ARGUMENT -> new IllegalArgumentException(status.getDescription(), failed);
            default -> new IllegalStateException(message, failed);
        };
    }
}
