package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.app.Caller;
import org.bookworm.ordering.core.app.Outcome;
import org.bookworm.ordering.core.catalog.Book;
import org.bookworm.ordering.core.catalog.StockStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.finance.CheckoutSaga;
import org.bookworm.ordering.core.finance.CheckoutState;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentState;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.FailureReason;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The main checkout scenarios of the core's end-to-end suite, with PostgreSQL as the system of record: the same
 * services and reactors, the PostgreSQL event store, projections, inventory, deadlines and outbox.
 */
class CheckoutOnPostgresIT {
    static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    static TestDatabase db;
    static PostgresAdapters pg;

    PostgresBookWorm bookworm;
    Caller buyer;
    final Caller admin = Caller.admin("admin-1");

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        pg = PostgresAdapters.start(db.config());
    }

    @AfterAll
    static void stop() {
        pg.close();
        db.close();
    }

    @BeforeEach
    void fixture() {
        db.truncateAll();
        bookworm = new PostgresBookWorm(pg);
        buyer = Caller.buyer(new BuyerId(UUID.randomUUID()));
        bookworm.catalog.put(new Book(DUNE, new BookTitle("Dune"), usd("20.00"), usd("15.00"), StockStatus.IN_STOCK));
        bookworm.catalog.put(new Book(EMMA, new BookTitle("Emma"), usd("10.00"), null, StockStatus.IN_STOCK));
        pg.inventory().restock(DUNE, 10);
        pg.inventory().restock(EMMA, 10);
        bookworm.buyers.create(
                buyer,
                new PersonName("Ada Lovelace"),
                new EmailAddress("ada@example.com"),
                new Address("1 Main St", "Seattle", "WA"));
        bookworm.drain();
    }

    private OrderId checkout(PaymentMethod method) {
        bookworm.baskets.add(buyer, DUNE, Quantity.of(2));
        bookworm.baskets.add(buyer, EMMA, Quantity.of(1));
        var placed = bookworm.checkout.placeOrder(buyer, "req-1", method);
        assertThat(placed).isInstanceOf(Outcome.Done.class);
        bookworm.drain();
        return new OrderId(((Outcome.Done<?>) placed).stream().id());
    }

    private OrderStatus status(OrderId order) {
        return bookworm.queries.find(admin, order).orElseThrow().status();
    }

    private List<EmailKind> emailsSent() {
        return bookworm.mailer.sent().stream().map(sent -> sent.email().kind()).toList();
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void theHappyPathReservesPaysConfirmsAndCompletesWithEveryEmailOnce() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(pg.inventory().available(DUNE)).isEqualTo(8);
        assertThat(((PaymentState.Active) bookworm.payments.load(order)).authorized())
                .isEqualTo(usd("40.00"));
        assertThat(bookworm.baskets.get(buyer).items()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED);

        bookworm.orders.shipAll(admin, order);
        bookworm.drain();
        bookworm.orders.complete(buyer, null, order);
        bookworm.drain();

        assertThat(status(order)).isEqualTo(OrderStatus.COMPLETED);
        assertThat(((PaymentState.Active) bookworm.payments.load(order)).captured())
                .isEqualTo(usd("40.00"));
        assertThat(pg.inventory().onHand(DUNE)).isEqualTo(8);
        assertThat(pg.inventory().held(order)).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED, EmailKind.SHIPPED, EmailKind.COMPLETED);
        assertThat(bookworm.sagas.load(order)).isInstanceOf(CheckoutState.Completed.class);

        // Replaying every subscription from the start redelivers everything: nothing is sent or charged twice.
        for (String name : List.of(
                org.bookworm.ordering.core.app.CheckoutReactor.NAME,
                org.bookworm.ordering.core.app.OrderFollowUpReactor.NOTIFICATIONS,
                org.bookworm.ordering.core.app.OrderFollowUpReactor.BASKET_CLEARING)) {
            pg.checkpoints().save(name, org.bookworm.ordering.core.port.LogPosition.START);
        }
        bookworm.drain();
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED, EmailKind.SHIPPED, EmailKind.COMPLETED);
        assertThat(((PaymentState.Active) bookworm.payments.load(order)).captured())
                .isEqualTo(usd("40.00"));
        assertThat(pg.inventory().onHand(DUNE)).isEqualTo(8);
    }

    @Test
    void outOfStockFailsTheOrderAndChargesNothing() {
        pg.inventory().restock(EMMA, 0);
        OrderId order = checkout(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertThat(bookworm.sagas.load(order)).isEqualTo(new CheckoutState.Failed(order, FailureReason.OUT_OF_STOCK));
        assertThat(pg.inventory().available(DUNE)).isEqualTo(10);
        assertThat(bookworm.gateway.movements()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.FAILED);
    }

    @Test
    void aPaymentThatNeverAnswersTimesOutThroughTheDurableDeadlines() {
        OrderId order = checkout(PaymentMethod.TIME_OUT);
        assertThat(status(order)).isEqualTo(OrderStatus.PLACED);
        for (int attempt = 1; attempt <= CheckoutSaga.MAX_ATTEMPTS; attempt++) {
            assertThat(bookworm.fireDeadlinesAt(bookworm.clock.advance(Duration.ofSeconds(31))))
                    .isEqualTo(1);
        }
        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertThat(bookworm.sagas.load(order))
                .isEqualTo(new CheckoutState.Failed(order, FailureReason.CHECKOUT_TIMED_OUT));
        assertThat(pg.inventory().available(DUNE)).isEqualTo(10);
        assertThat(pg.sagaDeadlines().pending()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.FAILED);
    }
}
