package org.bookworm.ordering.adapter.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.AdminServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.DeadLetter;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.DropDeadLettersRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.DropDeadLettersResponse;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.LaneStatus;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.ListDeadLettersRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.ListDeadLettersResponse;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.ListSubscriptionsRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.ListSubscriptionsResponse;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.RetryDeadLettersRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.RetryDeadLettersResponse;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.Subscription;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.SubscriptionStatus;
import org.jspecify.annotations.Nullable;

/** bookworm.admin.v1.AdminService: subscriptions' status and their held events; admin only (the policy table). */
final class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {
    private final DeadLetterService deadLetters;

    AdminGrpcService(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void listSubscriptions(ListSubscriptionsRequest request, StreamObserver<ListSubscriptionsResponse> out) {
        Unary.respond(
                out,
                () -> ListSubscriptionsResponse.newBuilder()
                        .addAllSubscriptions(deadLetters.statuses().stream()
                                .map(AdminGrpcService::subscription)
                                .toList())
                        .build());
    }

    @Override
    public void listDeadLetters(ListDeadLettersRequest request, StreamObserver<ListDeadLettersResponse> out) {
        Unary.respond(out, () -> {
            String subscription = known(request.getSubscription());
            Map<UUID, DeadLetters.Lane> lanes = deadLetters.lanes(subscription).stream()
                    .collect(Collectors.toMap(DeadLetters.Lane::id, lane -> lane));
            var reply = ListDeadLettersResponse.newBuilder();
            deadLetters.list(subscription).forEach(letter -> reply.addDeadLetters(letter(letter, lanes)));
            return reply.build();
        });
    }

    @Override
    public void retryDeadLetters(RetryDeadLettersRequest request, StreamObserver<RetryDeadLettersResponse> out) {
        Unary.respond(out, () -> switch (deadLetters.retry(request.getSubscription(), lane(request.getLane(), true))) {
            case DeadLetterService.Answer.Done done ->
                RetryDeadLettersResponse.newBuilder()
                        .setLanes(done.lanes())
                        .setEvents(done.events())
                        .build();
            case DeadLetterService.Answer.UnknownSubscription unknown -> throw notFound(unknown);
            case DeadLetterService.Answer.UnknownLane unknown -> throw notFound(unknown);
        });
    }

    @Override
    public void dropDeadLetters(DropDeadLettersRequest request, StreamObserver<DropDeadLettersResponse> out) {
        Unary.respond(out, () -> switch (deadLetters.drop(
                request.getSubscription(), java.util.Objects.requireNonNull(lane(request.getLane(), false)))) {
            case DeadLetterService.Answer.Done done ->
                DropDeadLettersResponse.newBuilder().setEvents(done.events()).build();
            case DeadLetterService.Answer.UnknownSubscription unknown -> throw notFound(unknown);
            case DeadLetterService.Answer.UnknownLane unknown -> throw notFound(unknown);
        });
    }

    private String known(String subscription) {
        if (!deadLetters.isKnown(subscription)) {
            throw notFound(new DeadLetterService.Answer.UnknownSubscription(subscription, deadLetters.subscriptions()));
        }
        return subscription;
    }

    private static StatusRuntimeException notFound(DeadLetterService.Answer.UnknownSubscription unknown) {
        return Status.NOT_FOUND
                .withDescription("no subscription '" + unknown.name() + "'; there are " + unknown.known())
                .asRuntimeException();
    }

    private static StatusRuntimeException notFound(DeadLetterService.Answer.UnknownLane unknown) {
        return Status.NOT_FOUND
                .withDescription(unknown.subscription() + " holds no lane " + unknown.lane())
                .asRuntimeException();
    }

    private static @Nullable UUID lane(String text, boolean optional) {
        if (text.isEmpty() && optional) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("lane must be a stream id (a UUID), not '" + text + "'");
        }
    }

    private static Subscription subscription(SubscriptionStatus status) {
        var subscription = Subscription.newBuilder()
                .setName(status.name())
                .setCheckpoint(status.position().toString())
                .setRetryingLanes(status.retryingLanes())
                .setParkedLanes(status.parkedLanes())
                .setHeldEvents(status.heldEvents())
                .setLastError(status.lastError() == null ? "" : status.lastError())
                .setHealthy(status.healthy());
        if (status.nextAttempt() != null) {
            subscription.setNextAttempt(timestamp(status.nextAttempt()));
        }
        return subscription.build();
    }

    private static DeadLetter letter(DeadLetters.DeadLetter letter, Map<UUID, DeadLetters.Lane> lanes) {
        var event = letter.event();
        DeadLetters.Lane lane = lanes.get(event.stream().id());
        var reply = DeadLetter.newBuilder()
                .setLane(event.stream().id().toString())
                .setStream(event.stream().toString())
                .setVersion(event.version())
                .setEventId(event.eventId().toString())
                .setEventType(event.event().getClass().getSimpleName())
                .setStatus(
                        letter.status() == DeadLetters.Status.RETRYING
                                ? LaneStatus.LANE_STATUS_RETRYING
                                : LaneStatus.LANE_STATUS_PARKED)
                .setError(letter.error());
        if (lane != null) {
            reply.setAttempts(lane.hold().attempts());
            if (letter.status() == DeadLetters.Status.RETRYING) {
                reply.setNextAttempt(timestamp(lane.hold().nextAttempt()));
            }
        }
        return reply.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
