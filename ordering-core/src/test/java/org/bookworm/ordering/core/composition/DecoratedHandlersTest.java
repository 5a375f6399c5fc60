package org.bookworm.ordering.core.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.ordering.OrderFollowUpReactor;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A decorator of the subscriptions' handlers (tracing, metrics: ADR 0033) written as a plain lambda must not widen
 * what a subscription reads: the graph keeps each handler's declared events (ADR 0030), so a decorated subscription
 * still passes over the rest of the log instead of decoding and handing it every event.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DecoratedHandlersTest {
    private static final BookId DUNE = BookId.parse("0192f0c8-0000-7000-8000-000000000001");

    @Test
    void a_lambda_decorator_keeps_what_each_subscription_reads() {
        Map<String, Set<String>> seen = new ConcurrentHashMap<>();
        EventHandler.Decorator recording = (subscription, handler) -> event -> {
            seen.computeIfAbsent(subscription, name -> ConcurrentHashMap.newKeySet())
                    .add(event.event().getClass().getSimpleName());
            handler.handle(event);
        };
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        var world = new InMemoryBookWorm(
                ServiceGraph.Settings.of(clock, new SplittableRandom(3)), events -> events, recording);
        world.catalog.put(new Book(DUNE, new BookTitle("Dune"), Money.of("12.50", "USD"), null, StockStatus.IN_STOCK));
        world.inventory.restock(DUNE, 5);
        var graph = world.graph();
        var buyer = new BuyerId(UUID.randomUUID());
        var caller = Caller.buyer(buyer);
        graph.buyers()
                .create(
                        caller,
                        new PersonName("Ada"),
                        new EmailAddress("ada@example.com"),
                        new Address("1 Main St", "Seattle", "WA"));
        world.basketStore.add(buyer, DUNE, Quantity.of(2), null);

        graph.checkout().placeOrder(caller, "r1", PaymentMethod.APPROVE);
        drain(graph.subscriptions());

        assertThat(seen.get(OrderFollowUpReactor.BASKET_CLEARING))
                .as("basket clearing declares OrderConfirmed alone, and reads only that, decorated or not")
                .containsExactly("OrderConfirmed");
        assertThat(seen.get(OrderFollowUpReactor.NOTIFICATIONS))
                .as("the notifications never see the checkout's own events")
                .isNotEmpty()
                .noneMatch(type -> type.startsWith("Checkout") || type.startsWith("Payment"));
    }

    private static void drain(List<Subscription> subscriptions) {
        int moved;
        do {
            moved = 0;
            for (Subscription subscription : subscriptions) {
                moved += subscription.drain();
            }
        } while (moved > 0);
    }
}
