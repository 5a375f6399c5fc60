package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.DeadLetter;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.DropDeadLettersRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.LaneStatus;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.ListDeadLettersRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.ListSubscriptionsRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.RetryDeadLettersRequest;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.Subscription;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** bookworm.admin.v1.AdminService on the in-memory world: status, held events, retry and drop; admins only. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class AdminServiceTest {
    private final ApiFixture api = new ApiFixture();
    private final String adaToken = api.tokens.user(api.newBuyer());
    private final String adminToken = api.tokens.admin(UUID.randomUUID());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_parked_lane_shows_in_the_status_and_list_and_an_admins_retry_replays_it() {
        RecordedEvent placed = parkTheFirstEventOfAnOrder();

        Subscription saga = sagaStatus();
        assertThat(saga.getParkedLanes()).isEqualTo(1);
        assertThat(saga.getHealthy()).isFalse();
        assertThat(saga.getLastError()).contains("a bug");
        var letters = api.admin(adminToken)
                .listDeadLetters(ListDeadLettersRequest.newBuilder()
                        .setSubscription(CheckoutReactor.NAME)
                        .build())
                .getDeadLettersList();
        assertThat(letters)
                .extracting(DeadLetter::getLane)
                .containsExactly(placed.stream().id().toString());
        assertThat(letters.get(0).getStatus()).isEqualTo(LaneStatus.LANE_STATUS_PARKED);
        assertThat(letters.get(0).getEventType()).isEqualTo("OrderPlaced");

        var retried = api.admin(adminToken)
                .retryDeadLetters(RetryDeadLettersRequest.newBuilder()
                        .setSubscription(CheckoutReactor.NAME)
                        .setLane(placed.stream().id().toString())
                        .build());
        assertThat(retried.getLanes()).isEqualTo(1);
        assertThat(retried.getEvents()).isEqualTo(1);
        api.checkout();

        assertThat(sagaStatus().getHealthy()).isTrue();
    }

    @Test
    void dropping_a_lane_removes_it_and_a_second_drop_is_not_found() {
        RecordedEvent placed = parkTheFirstEventOfAnOrder();
        var drop = DropDeadLettersRequest.newBuilder()
                .setSubscription(CheckoutReactor.NAME)
                .setLane(placed.stream().id().toString())
                .build();

        assertThat(api.admin(adminToken).dropDeadLetters(drop).getEvents()).isEqualTo(1);
        assertCode(Code.NOT_FOUND, () -> api.admin(adminToken).dropDeadLetters(drop));
        assertThat(sagaStatus().getHealthy()).isTrue();
    }

    @Test
    void buyers_may_not_and_bad_names_or_lanes_are_answered_clearly() {
        assertCode(
                Code.PERMISSION_DENIED,
                () -> api.admin(adaToken).listSubscriptions(ListSubscriptionsRequest.getDefaultInstance()));
        assertCode(
                Code.NOT_FOUND,
                () -> api.admin(adminToken)
                        .listDeadLetters(ListDeadLettersRequest.newBuilder()
                                .setSubscription("nope")
                                .build()));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.admin(adminToken)
                        .retryDeadLetters(RetryDeadLettersRequest.newBuilder()
                                .setSubscription(CheckoutReactor.NAME)
                                .setLane("not-a-uuid")
                                .build()));
        assertCode(
                Code.NOT_FOUND,
                () -> api.admin(adminToken)
                        .retryDeadLetters(RetryDeadLettersRequest.newBuilder()
                                .setSubscription(CheckoutReactor.NAME)
                                .setLane(UUID.randomUUID().toString())
                                .build()));
        assertThat(api.admin(adminToken)
                        .listSubscriptions(ListSubscriptionsRequest.getDefaultInstance())
                        .getSubscriptionsList())
                .extracting(Subscription::getName)
                .contains(CheckoutReactor.NAME, "notifications", "basket-clearing");
    }

    /** An order whose OrderPlaced the saga is told it could not handle (as a bug would), parked for good. */
    private RecordedEvent parkTheFirstEventOfAnOrder() {
        api.baskets(adaToken).addItem(BasketServiceTest.add(DUNE, 1));
        api.orders(adaToken)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId("r-1")
                        .setPaymentMethodToken("tok_approve")
                        .build());
        RecordedEvent placed = api.ordering.events.readAfter(LogPosition.START, 100).stream()
                .filter(event -> event.event() instanceof org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced)
                .findFirst()
                .orElseThrow();
        api.bookworm.ordering.deadLetters.hold(
                CheckoutReactor.NAME,
                placed,
                DeadLetters.Hold.parked(3, placed.recordedAt(), "java.lang.IllegalStateException: a bug"));
        return placed;
    }

    private Subscription sagaStatus() {
        return api
                .admin(adminToken)
                .listSubscriptions(ListSubscriptionsRequest.getDefaultInstance())
                .getSubscriptionsList()
                .stream()
                .filter(subscription -> subscription.getName().equals(CheckoutReactor.NAME))
                .findFirst()
                .orElseThrow();
    }
}
