package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.CleanUpSentEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.CleanUpSentEmailsResponse;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.Email;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.EmailStatus;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ListOrderEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ListOrderEmailsResponse;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.NotificationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ResendFailedEmailsRequest;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.ResendFailedEmailsResponse;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;

/**
 * bookworm.notification.v1.NotificationService: the e-mails of an order the caller may see, and the admin's resend
 * and clean-up (the policy table makes those admin only; both require a request id).
 */
final class NotificationGrpcService extends NotificationServiceGrpc.NotificationServiceImplBase {
    /** The longest clean-up age asked for: beyond it, "now minus the age" leaves the calendar. */
    static final Duration MAX_CLEAN_UP_AGE = Duration.ofDays(36_525);

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
                        .setRequeued(notifications.resendFailed(
                                Callers.current(),
                                Wire.requestId(request.getRequestId()),
                                emailIds(request.getEmailIdsList())))
                        .build());
    }

    @Override
    public void cleanUpSentEmails(
            CleanUpSentEmailsRequest request, StreamObserver<CleanUpSentEmailsResponse> responses) {
        Unary.respond(
                responses,
                () -> CleanUpSentEmailsResponse.newBuilder()
                        .setDeleted(notifications.cleanUpSent(
                                Callers.current(),
                                Wire.requestId(request.getRequestId()),
                                age(request.hasSentBeforeAge(), request.getSentBeforeAge())))
                        .build());
    }

    /** A proto Duration as an age: present, normalised (nanos 0 to 999,999,999) and at most 100 years. */
    static Duration age(boolean present, com.google.protobuf.Duration age) {
        if (!present) {
            throw new IllegalArgumentException("sent_before_age is required");
        }
        if (age.getSeconds() < 0 || age.getNanos() < 0 || age.getNanos() > 999_999_999) {
            throw new IllegalArgumentException("sent_before_age cannot be negative and its nanos are 0 to 999999999");
        }
        if (age.getSeconds() > MAX_CLEAN_UP_AGE.getSeconds()) {
            throw new IllegalArgumentException("sent_before_age is at most 100 years");
        }
        return Duration.ofSeconds(age.getSeconds(), age.getNanos());
    }

    private static List<UUID> emailIds(List<String> ids) {
        return ids.stream().map(id -> Ids.parse(id, "email_id")).toList();
    }

    private static Email email(EmailOutbox.Row row) {
        var email = Email.newBuilder()
                .setEmailId(row.id().toString())
                .setOrderId(row.email().order().toString())
                .setKind(row.email().kind().name())
                .setRecipient(row.email().to() == null ? "" : row.email().to().value())
                .setSubject(row.email().subject())
                .setStatus(
                        switch (row.status()) {
                            case PENDING -> EmailStatus.EMAIL_STATUS_PENDING;
                            case SENT -> EmailStatus.EMAIL_STATUS_SENT;
                            case DEAD -> EmailStatus.EMAIL_STATUS_FAILED;
                            case UNSENDABLE -> EmailStatus.EMAIL_STATUS_UNSENDABLE;
                        })
                .setAttempts(row.attempts())
                .setCreatedAt(Replies.timestamp(row.createdAt()));
        if (row.sentAt() != null) {
            email.setSentAt(Replies.timestamp(row.sentAt()));
        }
        return email.build();
    }
}
