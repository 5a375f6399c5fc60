package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
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
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.SubscriptionStatus;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import org.bookworm.ordering.core.inmemory.InMemorySagaDeadlines;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.testing.ManualClock;
import org.bookworm.ordering.core.testing.Outage;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The checkout saga while the basket store (Redis) is down: the reproduction of issue 11.1 on the in-memory world. A
 * compensation or a basket clearing that meets the outage is retried once the store is back; the order's fate never
 * waits for the basket; nothing is parked.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutUnderOutageTest {
    private static final BookId DUNE = new BookId(java.util.UUID.fromString("0192f0c8-0000-7000-8000-00000000d001"));
    private static final BuyerId ADA = new BuyerId(java.util.UUID.fromString("0192f0c8-1111-7000-8000-000000000001"));
    private static final Caller ada = Caller.buyer(ADA);
    private static final Caller admin = Caller.admin("admin-1");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryOrdering ordering = new InMemoryOrdering(clock, new SplittableRandom(11));
    private final Outage redis = new Outage();
    private final InMemoryBasketStore realBaskets = new InMemoryBasketStore();
    private final BasketStore baskets = redis.of(
            BasketStore.class,
            realBaskets,
            () -> new BasketStoreUnavailable("basket store unavailable", new IllegalStateException("SIGSTOP")));
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final CheckoutService checkout;
    private final NotificationService notifications;
    private final List<Subscription> subscriptions;

    CheckoutUnderOutageTest() {
        var ids = new UuidV7Generator(clock, new SplittableRandom(12));
        var stores = new EventSourcedRunner.Stores(ordering.events, ordering.snapshots, ordering.events, ids, clock);
        var catalog = new InMemoryCatalog();
        catalog.put(new Book(DUNE, new BookTitle("Dune"), Money.of("20.00", "USD"), null, StockStatus.IN_STOCK));
        var inventory = new InMemoryInventory();
        inventory.restock(DUNE, 10);
        var deadlines = new InMemorySagaDeadlines();
        ordering.events.writeWithEachAppend(InMemorySagaDeadlines.requestedIn(deadlines));
        var sagas = new CheckoutSagaService(stores, deadlines);
        var payments = new PaymentService(stores, new SimulatedPaymentGateway());
        notifications = new NotificationService(new InMemoryEmailOutbox(), mailer, ids, clock);
        checkout = new CheckoutService(
                stores, ordering.orders, sagas, baskets, catalog, ordering.buyers, inventory, payments);
        var reactor = new CheckoutReactor(sagas, payments, ordering.orders, inventory, baskets, clock);
        subscriptions = List.of(
                subscription(CheckoutReactor.NAME, reactor),
                subscription(
                        OrderFollowUpReactor.NOTIFICATIONS,
                        OrderFollowUpReactor.notifications(ordering.orders, notifications)),
                subscription(
                        OrderFollowUpReactor.BASKET_CLEARING,
                        OrderFollowUpReactor.basketClearing(ordering.orders, baskets)));
        ordering.buyers.create(
                ada, new PersonName("Ada"), new EmailAddress("ada@example.com"), new Address("1 Main", "Oslo", "OS"));
        drain();
    }

    @Test
    void a_declined_checkout_during_an_outage_fails_the_order_first_and_frees_the_basket_once_the_store_is_back() {
        OrderId order = placeOrder(PaymentMethod.DECLINE);

        redis.begin();
        drain();

        assertThat(status(order)).as("the fate is recorded first").isEqualTo(OrderStatus.FAILED);
        assertThat(mailer.sent()).extracting(sent -> sent.email().kind()).containsExactly(EmailKind.FAILED);
        assertThat(realBaskets.get(ADA).checkedOutBy())
                .as("still held while the store is down")
                .isEqualTo(order);
        assertThat(held(CheckoutReactor.NAME).retryingLanes()).isEqualTo(1);
        assertThat(held(CheckoutReactor.NAME).parkedLanes()).isZero();

        redis.end();
        clock.advance(Duration.ofMinutes(1));
        drain();

        assertThat(realBaskets.get(ADA).checkedOutBy()).isNull();
        assertNothingHeld();
    }

    @Test
    void an_approved_checkout_whose_basket_clearing_meets_an_outage_clears_the_basket_once_the_store_is_back() {
        OrderId order = placeOrder(PaymentMethod.APPROVE);
        subscriptions.get(0).drain(); // the saga alone: reserve, authorize, confirm; the basket is not cleared yet
        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        redis.begin();

        drain();
        clock.advance(Duration.ofMinutes(1));
        drain();
        assertThat(held(OrderFollowUpReactor.BASKET_CLEARING).retryingLanes())
                .as("retried, not parked, however long it lasts")
                .isEqualTo(1);

        redis.end();
        clock.advance(Duration.ofMinutes(1));
        drain();

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(realBaskets.get(ADA).checkedOutBy()).isNull();
        assertThat(realBaskets.get(ADA).items()).isEmpty();
        assertNothingHeld();
    }

    private OrderId placeOrder(PaymentMethod method) {
        baskets.add(ADA, DUNE, Quantity.of(2), null);
        var outcome = checkout.placeOrder(ada, "req-" + method.token(), method);
        if (!(outcome instanceof Outcome.Done<?> done)) {
            throw new AssertionError("expected an order, got " + outcome);
        }
        return new OrderId(done.stream().id());
    }

    private OrderStatus status(OrderId order) {
        ordering.drain();
        return ordering.queries.find(admin, order).orElseThrow().status();
    }

    private SubscriptionStatus held(String name) {
        return subscriptions.stream()
                .filter(subscription -> subscription.name().equals(name))
                .findFirst()
                .orElseThrow()
                .status();
    }

    private void assertNothingHeld() {
        subscriptions.forEach(subscription -> assertThat(subscription.status().healthy())
                .as(subscription.name())
                .isTrue());
        assertThat(ordering.deadLetters.list(CheckoutReactor.NAME)).isEmpty();
    }

    private void drain() {
        int moved;
        do {
            ordering.drain();
            moved = 0;
            for (Subscription subscription : subscriptions) {
                moved += subscription.drain();
            }
            moved += notifications.deliverDue();
        } while (moved > 0);
    }

    private Subscription subscription(String name, EventHandler handler) {
        return new Subscription(
                name,
                ordering.events,
                ordering.checkpoints,
                ordering.deadLetters,
                handler,
                100,
                1,
                Subscription.Retries.on(clock));
    }
}
