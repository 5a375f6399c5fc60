package org.bookworm.ordering.core.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Basket;
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
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A graph composed with Basket, Notification and Finance's payment authorizations elsewhere: Ordering's checkout,
 * modifications and basket clearing and Finance's saga use the ports
 * handed in as {@link ServiceGraph.Elsewhere} (in production, gRPC clients of Basket's process) and never the Basket
 * stores of their own process.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ElsewhereTest {
    private static final BookId DUNE = BookId.parse("0192f0c8-0000-7000-8000-000000000001");

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryBookWorm basket = new InMemoryBookWorm(clock, new SplittableRandom(8)); // Basket's process
    private final InMemoryBasketStore unusedBaskets = new InMemoryBasketStore();
    private final InMemoryInventory unusedInventory = new InMemoryInventory();
    private final InMemoryEmailOutbox unusedOutbox = new InMemoryEmailOutbox();
    /** The payment provider as Finance's process reaches it; this graph's own provider only serves its saga. */
    private final SimulatedPaymentGateway financeGateway = new SimulatedPaymentGateway();

    private final SimulatedPaymentGateway ownGateway = new SimulatedPaymentGateway();
    private final ServiceGraph graph;
    private final BuyerId buyer = new BuyerId(UUID.randomUUID());
    private final Caller caller = Caller.buyer(buyer);

    ElsewhereTest() {
        basket.catalog.put(new Book(DUNE, new BookTitle("Dune"), Money.of("12.50", "USD"), null, StockStatus.IN_STOCK));
        basket.inventory.restock(DUNE, 5);
        var ports = basket.graph().ports();
        var finance = new PaymentService(
                new EventSourcedRunner.Stores(
                        ports.events(),
                        ports.snapshots(),
                        ports.idempotencyKeys(),
                        new UuidV7Generator(clock, new SplittableRandom(10)),
                        clock),
                financeGateway);
        graph = new ServiceGraph(
                withOwnBasketStores(ports, unusedBaskets, unusedInventory, unusedOutbox, ownGateway),
                ServiceGraph.Settings.of(clock, new SplittableRandom(9)),
                new ServiceGraph.Elsewhere(
                        basket.inventory, basket.basketStore, basket.catalog, basket.notifications, finance));
        graph.buyers()
                .create(
                        caller,
                        new PersonName("Ada"),
                        new EmailAddress("ada@example.com"),
                        new Address("1 Main St", "Seattle", "WA"));
    }

    private OrderId placedAndConfirmed() {
        basket.basketStore.add(buyer, DUNE, Quantity.of(2), null);
        var placed = graph.checkout().placeOrder(caller, "r1", PaymentMethod.APPROVE);
        var order = new OrderId(((Outcome.Done<?>) placed).stream().id());
        drain(graph);
        return order;
    }

    @Test
    void a_checkout_goes_through_basket_and_notification_elsewhere_and_leaves_its_own_stores_of_them_alone() {
        var order = placedAndConfirmed();

        assertThat(basket.inventory.held(order)).containsExactly(new LineQuantity(DUNE, Quantity.of(2)));
        assertThat(basket.basketStore.get(buyer)).isEqualTo(Basket.empty(buyer));
        assertThat(unusedInventory.held(order)).isEmpty();
        assertThat(unusedBaskets.get(buyer)).isEqualTo(Basket.empty(buyer));
        assertThat(basket.outbox.find(order, EmailKind.CONFIRMED))
                .as("queued by Notification elsewhere")
                .isPresent();
        assertThat(unusedOutbox.find(order, EmailKind.CONFIRMED)).isEmpty();
    }

    @Test
    void a_modification_that_raises_the_total_is_authorized_by_finance_elsewhere() {
        var order = placedAndConfirmed();
        var ownMovements = ownGateway.movements();

        var modified = graph.checkout()
                .modifyOrder(caller, null, order, new Modification.ChangeQuantity(DUNE, Quantity.of(3)));

        assertThat(modified).isInstanceOf(Outcome.Done.class);
        assertThat(financeGateway.movements())
                .as("the raise authorized by Finance elsewhere")
                .singleElement()
                .satisfies(movement -> {
                    assertThat(movement.kind()).isEqualTo("authorize");
                    assertThat(movement.amount()).isEqualTo(Money.of("12.50", "USD"));
                });
        assertThat(ownGateway.movements()).isEqualTo(ownMovements);
    }

    private static ServiceGraph.Ports withOwnBasketStores(
            ServiceGraph.Ports ports,
            InMemoryBasketStore baskets,
            InMemoryInventory inventory,
            InMemoryEmailOutbox unusedOutbox,
            SimulatedPaymentGateway gateway) {
        return new ServiceGraph.Ports(
                ports.events(),
                ports.log(),
                ports.idempotencyKeys(),
                ports.snapshots(),
                ports.checkpoints(),
                ports.deadLetters(),
                ports.orderViews(),
                ports.buyerViews(),
                baskets,
                new InMemoryCatalog(), // an empty catalog: the prices come from Basket's
                inventory,
                gateway,
                ports.deadlines(),
                unusedOutbox,
                ports.mailer(),
                ports.projectionUnits());
    }

    private static void drain(ServiceGraph graph) {
        int moved;
        do {
            moved = 0;
            for (Subscription subscription : graph.subscriptions()) {
                moved += subscription.drain();
            }
        } while (moved > 0);
    }
}
