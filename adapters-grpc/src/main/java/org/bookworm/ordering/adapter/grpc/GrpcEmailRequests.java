package org.bookworm.ordering.adapter.grpc;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EmailRequestServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EnqueueEmailRequest;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailRequests;
import org.bookworm.ordering.core.ordering.OrderFacts;

/**
 * Notification's {@link EmailRequests} in another process, over {@code
 * bookworm.internal.notification.v1.EmailRequestService}: Ordering's follow-up reactor queues e-mails here when
 * Notification does not run beside it (ADR 0031). Every call has a deadline; UNAVAILABLE, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED and ABORTED are a transient {@link StoreUnavailable} (the reactor's held lane retries it, and a
 * second request for the same order and kind queues nothing). Passes {@code EmailRequestsContract}.
 */
final class GrpcEmailRequests implements EmailRequests {
    private final EmailRequestServiceGrpc.EmailRequestServiceBlockingStub stub;
    private final Duration deadline;

    GrpcEmailRequests(Channel channel, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("an e-mail request's deadline is positive, not " + deadline);
        }
        this.stub = EmailRequestServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    @Override
    public boolean enqueue(EmailKind kind, OrderFacts order) {
        var request = EnqueueEmailRequest.newBuilder()
                .setKind(kind.name())
                .setOrder(OrderFactsWire.toWire(order))
                .build();
        try {
            return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .enqueueEmail(request)
                    .getQueued();
        } catch (StatusRuntimeException failed) {
            throw RemoteFailures.of("Notification's e-mail requests", failed, StoreUnavailable::new);
        }
    }
}
