package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.CleanUpSentEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.CleanUpSentEmailsResponse;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.Email;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.EmailStatus;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ListOrderEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ListOrderEmailsResponse;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.NotificationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ResendFailedEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ResendFailedEmailsResponse;
import org.bookworm.ordering.core.app.NotificationService;
import org.bookworm.ordering.core.app.OrderService;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderState;
import org.bookworm.ordering.core.port.EmailOutbox;

/**
 * bookworm.notification.v1.NotificationService: the e-mails of an order the caller may see, and the admin's resend
 * and clean-up (the policy table makes those admin only).
 */
final class NotificationGrpcService extends NotificationServiceGrpc.NotificationServiceImplBase {
    private static final Duration MIN_CLEAN_UP_AGE = Duration.ofHours(1);
    private final OrderService orders;
    private final NotificationService notifications;
    private final EmailOutbox outbox;

    NotificationGrpcService(OrderService orders, NotificationService notifications, EmailOutbox outbox) {
        this.orders = orders;
        this.notifications = notifications;
        this.outbox = outbox;
    }

    @Override
    public void listOrderEmails(ListOrderEmailsRequest request, StreamObserver<ListOrderEmailsResponse> responses) {
        Unary.respond(responses, () -> {
            var order = Wire.orderId(request.getOrderId());
            if (!(orders.load(Callers.current(), order).state() instanceof OrderState.Existing)) {
                throw Errors.notFound("no order " + order);
            }
            var reply = ListOrderEmailsResponse.newBuilder();
            for (EmailKind kind : EmailKind.values()) {
                outbox.find(order, kind).ifPresent(row -> reply.addEmails(email(row)));
            }
            return reply.build();
        });
    }

    @Override
    public void resendFailedEmails(
            ResendFailedEmailsRequest request, StreamObserver<ResendFailedEmailsResponse> responses) {
        Unary.respond(
                responses,
                () -> ResendFailedEmailsResponse.newBuilder()
                        .setRequeued(notifications.resendDead())
                        .build());
    }

    @Override
    public void cleanUpSentEmails(
            CleanUpSentEmailsRequest request, StreamObserver<CleanUpSentEmailsResponse> responses) {
        Unary.respond(responses, () -> {
            var age = Duration.ofSeconds(
                    request.getSentBeforeAge().getSeconds(),
                    request.getSentBeforeAge().getNanos());
            if (age.compareTo(MIN_CLEAN_UP_AGE) < 0) {
                throw new IllegalArgumentException("sent_before_age is at least one hour");
            }
            return CleanUpSentEmailsResponse.newBuilder()
                    .setDeleted(notifications.cleanUpSent(age))
                    .build();
        });
    }

    private static Email email(EmailOutbox.Row row) {
        var email = Email.newBuilder()
                .setEmailId(row.id().toString())
                .setOrderId(row.email().order().toString())
                .setKind(row.email().kind().name())
                .setRecipient(row.email().to().value())
                .setSubject(row.email().subject())
                .setStatus(
                        switch (row.status()) {
                            case PENDING -> EmailStatus.EMAIL_STATUS_PENDING;
                            case SENT -> EmailStatus.EMAIL_STATUS_SENT;
                            case DEAD -> EmailStatus.EMAIL_STATUS_FAILED;
                        })
                .setAttempts(row.attempts())
                .setCreatedAt(Replies.timestamp(row.createdAt()));
        if (row.sentAt() != null) {
            email.setSentAt(Replies.timestamp(row.sentAt()));
        }
        return email.build();
    }
}
