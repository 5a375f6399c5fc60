package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import java.util.Locale;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EmailRequestServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EnqueueEmailRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EnqueueEmailResponse;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailRequests;

/** Notification's {@link EmailRequests} for the deployment's other processes ({@code bookworm.internal}, ADR 0031). */
final class InternalEmailRequestGrpcService extends EmailRequestServiceGrpc.EmailRequestServiceImplBase {
    private final EmailRequests emails;

    InternalEmailRequestGrpcService(EmailRequests emails) {
        this.emails = emails;
    }

    @Override
    public void enqueueEmail(EnqueueEmailRequest request, StreamObserver<EnqueueEmailResponse> responses) {
        Unary.respond(
                responses,
                () -> EnqueueEmailResponse.newBuilder()
                        .setQueued(emails.enqueue(
                                kind(request.getKind()),
                                OrderFactsWire.fromWire(request.hasOrder(), request.getOrder())))
                        .build());
    }

    private static EmailKind kind(String name) {
        try {
            return EmailKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown e-mail kind '" + name + "'");
        }
    }
}
