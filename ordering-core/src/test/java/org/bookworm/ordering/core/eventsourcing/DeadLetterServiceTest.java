package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Status;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** An operator's view of held events and what they can do about them: status, list, retry (replay), drop. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DeadLetterServiceTest {
    private final Shop shop = new Shop();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final AtomicBoolean bug = new AtomicBoolean(true);
    private final List<RecordedEvent> handled = new ArrayList<>();
    private final Subscription subscription = new Subscription(
            "reactor",
            shop.ordering.events,
            checkpoints,
            deadLetters,
            event -> {
                if (bug.get()) {
                    throw new IllegalStateException("a bug in the handler");
                }
                handled.add(event);
            },
            100,
            1,
            Subscription.Retries.on(shop.clock));
    private final DeadLetterService admin =
            new DeadLetterService(deadLetters, checkpoints, List.of("reactor", "other"), shop.clock);

    @Test
    void a_parked_lane_is_counted_and_replayed_in_order_when_an_operator_retries_it_after_the_fix() {
        OrderId order = shop.placedByAlice();
        shop.ordering.orders.confirm(Shop.checkout, order);
        subscription.drain();
        assertThat(admin.statuses())
                .extracting(SubscriptionStatus::name, SubscriptionStatus::parkedLanes, SubscriptionStatus::heldEvents)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reactor", 1, 2),
                        org.assertj.core.groups.Tuple.tuple("other", 0, 0));
        assertThat(admin.list("reactor")).allSatisfy(letter -> {
            assertThat(letter.status()).isEqualTo(Status.PARKED);
            assertThat(letter.error()).contains("a bug in the handler");
        });
        shop.later();
        subscription.drain();
        assertThat(handled)
                .as("a parked lane waits for an operator, however long")
                .isEmpty();

        bug.set(false);
        assertThat(admin.retry("reactor", order.value())).isEqualTo(new DeadLetterService.Answer.Done(1, 2));
        subscription.drain();

        assertThat(handled).extracting(RecordedEvent::version).containsExactly(1L, 2L);
        assertThat(admin.statuses().get(0).healthy()).isTrue();
    }

    @Test
    void retrying_with_no_lane_retries_every_parked_lane_and_a_failure_parks_it_again() {
        shop.placedByAlice();
        shop.placedByAlice();
        subscription.drain();

        assertThat(admin.retry("reactor", null)).isEqualTo(new DeadLetterService.Answer.Done(2, 2));
        subscription.drain();

        assertThat(admin.statuses().get(0).parkedLanes())
                .as("still broken: parked again")
                .isEqualTo(2);
    }

    @Test
    void dropping_a_lane_forgets_its_events_for_that_subscription_only() {
        OrderId order = shop.placedByAlice();
        subscription.drain();

        assertThat(admin.drop("reactor", order.value())).isEqualTo(new DeadLetterService.Answer.Done(1, 1));
        bug.set(false);
        subscription.drain();

        assertThat(handled).isEmpty();
        assertThat(admin.statuses().get(0).healthy()).isTrue();
    }

    @Test
    void an_unknown_subscription_or_lane_is_answered_as_such_and_changes_nothing() {
        OrderId order = shop.placedByAlice();
        subscription.drain();
        UUID stranger = UUID.fromString("0192f0c8-0000-7000-8000-00000000ffff");

        assertThat(admin.retry("nope", null))
                .isEqualTo(new DeadLetterService.Answer.UnknownSubscription("nope", List.of("reactor", "other")));
        assertThat(admin.drop("nope", order.value())).isInstanceOf(DeadLetterService.Answer.UnknownSubscription.class);
        assertThat(admin.retry("reactor", stranger))
                .isEqualTo(new DeadLetterService.Answer.UnknownLane("reactor", stranger));
        assertThat(admin.drop("reactor", stranger))
                .isEqualTo(new DeadLetterService.Answer.UnknownLane("reactor", stranger));
        assertThat(admin.statuses().get(0).parkedLanes()).isEqualTo(1);
    }
}
