package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
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
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.finance.CheckoutCommand;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.bookworm.ordering.core.finance.CheckoutState;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentState;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.CheckoutRejection;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderFollowUpReactor;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end checkout suite, run against any composition of the four services: the happy path to Completed with
 * every e-mail, out of stock, decline, timeout with compensation, cancellations, partial shipment, modifications,
 * idempotent retries, the basket guard, a failing mail server, replay, and an abandoned request. A composition runs it
 * with a one-method subclass that hands out a fresh, empty {@link CheckoutWorld} per test; the suite seeds it (two
 * books with ten copies each, one buyer with a profile). Never skipped.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
public abstract class CheckoutEndToEndContract {
    public static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    public static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    public static final BookId UNKNOWN = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000ff"));

    private final BuyerId buyerId = new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000001"));
    private final Caller buyer = Caller.buyer(buyerId);
    private final Caller admin = Caller.admin("admin-1");
    private CheckoutWorld bookworm;

    /** A fresh, empty composition; the clock reads 2026-03-01T10:00:00Z. */
    protected abstract CheckoutWorld newWorld();

    @BeforeEach
    final void seed() {
        bookworm = newWorld();
        bookworm.catalog().put(new Book(DUNE, new BookTitle("Dune"), usd("20.00"), usd("15.00"), StockStatus.IN_STOCK));
        bookworm.catalog().put(new Book(EMMA, new BookTitle("Emma"), usd("10.00"), null, StockStatus.IN_STOCK));
        bookworm.inventory().restock(DUNE, 10);
        bookworm.inventory().restock(EMMA, 10);
        bookworm.buyers()
                .create(
                        buyer,
                        new PersonName("Ada Lovelace"),
                        new EmailAddress("ada@example.com"),
                        new Address("1 Main St", "Seattle", "WA"));
        bookworm.drain();
    }

    private void withBasket(Caller who, BookId book, int copies) {
        bookworm.baskets().add(who, book, Quantity.of(copies));
    }

    private static OrderId orderOf(Outcome<?> outcome) {
        if (!(outcome instanceof Outcome.Done<?> done)) {
            throw new AssertionError("expected an order, got " + outcome);
        }
        return new OrderId(done.stream().id());
    }

    private OrderId checkout(PaymentMethod method) {
        withBasket(buyer, DUNE, 2);
        withBasket(buyer, EMMA, 1);
        OrderId order = orderOf(bookworm.checkout().placeOrder(buyer, "req-1", method));
        bookworm.drain();
        return order;
    }

    private OrderStatus status(OrderId order) {
        return bookworm.queries().find(admin, order).orElseThrow().status();
    }

    private List<EmailKind> emailsSent() {
        return bookworm.mailer().sent().stream()
                .map(sent -> sent.email().kind())
                .toList();
    }

    private PaymentState.Active payment(OrderId order) {
        return (PaymentState.Active) bookworm.payments().load(order);
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void the_happy_path_reserves_pays_confirms_clears_the_basket_and_completes_with_every_email() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(8);
        assertThat(payment(order).authorized()).isEqualTo(usd("40.00")); // 2 x 15.00 sale + 1 x 10.00
        assertThat(bookworm.baskets().get(buyer).items()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED);

        bookworm.orders().shipAll(admin, order);
        bookworm.drain();
        bookworm.orders().complete(buyer, null, order);
        bookworm.drain();

        assertThat(status(order)).isEqualTo(OrderStatus.COMPLETED);
        assertThat(payment(order).captured()).isEqualTo(usd("40.00"));
        assertThat(bookworm.inventory().onHand(DUNE)).isEqualTo(8);
        assertThat(bookworm.inventory().held(order)).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED, EmailKind.SHIPPED, EmailKind.COMPLETED);
        assertThat(bookworm.sagas().load(order)).isInstanceOf(CheckoutState.Completed.class);
        assertThat(bookworm.mailer().sent().get(0).email().body())
                .contains("Hello Ada Lovelace", "Total Amount: $40.00", "Order Date: 2026-03-01");
    }

    @Test
    void out_of_stock_fails_the_order_releases_the_reservation_and_charges_nothing() {
        bookworm.inventory().restock(EMMA, 0);

        OrderId order = checkout(PaymentMethod.APPROVE);

        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertThat(bookworm.sagas().load(order)).isEqualTo(new CheckoutState.Failed(order, FailureReason.OUT_OF_STOCK));
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(10);
        assertThat(bookworm.gateway().movements()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.FAILED);
        assertThat(bookworm.baskets().get(buyer).checkedOutBy()).isNull();
        assertThat(bookworm.baskets().get(buyer).items()).hasSize(2); // the buyer keeps the basket
    }

    @Test
    void a_declined_payment_fails_the_order_and_releases_the_reservation() {
        OrderId order = checkout(PaymentMethod.DECLINE);

        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertThat(bookworm.sagas().load(order))
                .isEqualTo(new CheckoutState.Failed(order, FailureReason.PAYMENT_DECLINED));
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(10);
        assertThat(bookworm.gateway().movements()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.FAILED);
    }

    @Test
    void a_payment_that_never_answers_is_retried_three_times_then_fails_with_compensation() {
        OrderId order = checkout(PaymentMethod.TIME_OUT);
        assertThat(status(order)).isEqualTo(OrderStatus.PLACED);

        for (int attempt = 1; attempt <= CheckoutTimeouts.DEFAULT.attempts(); attempt++) {
            assertThat(bookworm.fireDeadlinesAt(bookworm.advance(Duration.ofSeconds(31))))
                    .isEqualTo(1);
        }

        assertThat(status(order)).isEqualTo(OrderStatus.FAILED);
        assertThat(bookworm.sagas().load(order))
                .isEqualTo(new CheckoutState.Failed(order, FailureReason.CHECKOUT_TIMED_OUT));
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(10);
        assertThat(bookworm.deadlines().pending()).isEmpty();
        assertThat(emailsSent()).containsExactly(EmailKind.FAILED);
        assertThat(bookworm.fireDeadlinesAt(bookworm.advance(Duration.ofHours(1))))
                .isZero();
    }

    @Test
    void the_event_that_ends_a_checkout_completes_its_deadlines_in_its_own_append() {
        withBasket(buyer, DUNE, 1);
        OrderId order = orderOf(bookworm.checkout().placeOrder(buyer, "req-end", PaymentMethod.APPROVE));
        // no drain: no reactor has seen anything yet, and the request's own deadline (step 0) waits
        assertThat(bookworm.deadlines().pending())
                .extracting(SagaDeadlines.Deadline::order)
                .containsExactly(order);

        bookworm.sagas().handle(new CheckoutCommand.NoteCancellation(order, bookworm.now()));

        assertThat(bookworm.deadlines().pending())
                .as("completed with the append of CheckoutCancelled, before any reactor handles it (ADR 0049)")
                .isEmpty();
    }

    @Test
    void a_deadline_that_fires_after_the_checkout_confirmed_changes_nothing() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        bookworm.fireDeadlinesAt(bookworm.advance(Duration.ofMinutes(5)));

        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(bookworm.deadlines().pending()).isEmpty();
    }

    @Test
    void cancelling_before_shipment_releases_stock_voids_the_payment_and_emails_the_buyer() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        bookworm.orders().cancel(buyer, null, order);
        bookworm.drain();

        assertThat(status(order)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(10);
        assertThat(payment(order).voided()).isEqualTo(usd("40.00"));
        assertThat(payment(order).captured()).isEqualTo(usd("0.00"));
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED, EmailKind.CANCELLED);
    }

    @Test
    void closing_a_partial_shipment_captures_what_shipped_and_releases_the_rest() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        bookworm.orders().ship(admin, order, List.of(new LineQuantity(DUNE, Quantity.of(1))));
        bookworm.drain();
        assertThat(status(order)).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        bookworm.orders().complete(admin, null, order);
        bookworm.drain();

        assertThat(status(order)).isEqualTo(OrderStatus.COMPLETED);
        assertThat(payment(order).captured()).isEqualTo(usd("15.00"));
        assertThat(payment(order).voided()).isEqualTo(usd("25.00"));
        assertThat(bookworm.inventory().onHand(DUNE)).isEqualTo(9);
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(9);
        assertThat(bookworm.inventory().available(EMMA)).isEqualTo(10);
        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED, EmailKind.SHIPPED, EmailKind.COMPLETED);
    }

    @Test
    void a_retried_place_order_answers_with_the_first_order_even_after_the_basket_was_cleared() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        OrderId again = orderOf(bookworm.checkout().placeOrder(buyer, "req-1", PaymentMethod.APPROVE));
        bookworm.drain();

        assertThat(again).isEqualTo(order);
        assertThat(bookworm.orderViews()
                        .list(new org.bookworm.ordering.core.ordering.OrderQuery(
                                null, null, new org.bookworm.ordering.core.common.PageRequest(0, null)))
                        .items())
                .hasSize(1);
        assertThatThrownBy(() -> bookworm.checkout().placeOrder(buyer, "req-1", PaymentMethod.DECLINE))
                .isInstanceOf(IdempotencyKeyReused.class);
    }

    @Test
    void a_second_checkout_of_the_same_basket_is_refused_until_the_first_ends() {
        withBasket(buyer, DUNE, 1);
        OrderId first = orderOf(bookworm.checkout().placeOrder(buyer, "a", PaymentMethod.TIME_OUT));

        assertThat(bookworm.checkout().placeOrder(buyer, "b", PaymentMethod.APPROVE))
                .isEqualTo(new Outcome.Refused<>(new CheckoutRejection.BasketAlreadyCheckedOut(buyerId, first)));
    }

    @Test
    void items_added_during_checkout_survive_the_clearing() {
        withBasket(buyer, DUNE, 2);
        bookworm.checkout().placeOrder(buyer, "a", PaymentMethod.APPROVE);
        bookworm.baskets().add(buyer, DUNE, Quantity.of(1));
        bookworm.baskets().add(buyer, EMMA, Quantity.of(1));

        bookworm.drain();

        assertThat(bookworm.baskets().get(buyer).items())
                .extracting(item -> item.book() + "x" + item.quantity().value())
                .containsExactlyInAnyOrder(DUNE + "x1", EMMA + "x1");
    }

    @Test
    void place_order_refuses_a_buyer_without_profile_an_empty_basket_and_an_unknown_book() {
        // A second buyer of the same world who never created a profile.
        var noProfileId = new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000002"));
        var noProfile = Caller.buyer(noProfileId);
        withBasket(noProfile, DUNE, 1);
        assertThat(bookworm.checkout().placeOrder(noProfile, null, PaymentMethod.APPROVE))
                .isEqualTo(new Outcome.Refused<>(new CheckoutRejection.NoBuyerProfile(noProfileId)));

        assertThat(bookworm.checkout().placeOrder(buyer, null, PaymentMethod.APPROVE))
                .isEqualTo(new Outcome.Refused<>(new CheckoutRejection.EmptyBasket(buyerId)));

        withBasket(buyer, DUNE, 1);
        withBasket(buyer, UNKNOWN, 1);
        assertThat(bookworm.checkout().placeOrder(buyer, null, PaymentMethod.APPROVE))
                .isEqualTo(new Outcome.Refused<>(new CheckoutRejection.UnknownBook(UNKNOWN)));
        assertThat(bookworm.baskets().get(buyer).checkedOutBy()).isNull();
        bookworm.drain();
        assertThat(bookworm.log().readAfter(org.bookworm.ordering.core.eventsourcing.LogPosition.START, 100))
                .allMatch(recorded -> recorded.stream().type().equals(BuyerService.STREAM));
    }

    @Test
    void a_failing_mail_server_is_retried_with_backoff_and_each_email_is_sent_once() {
        bookworm.mailer().failing(true);
        OrderId order = checkout(PaymentMethod.APPROVE);
        EmailOutbox.Row row = bookworm.outbox().find(order, EmailKind.CONFIRMED).orElseThrow();
        assertThat(row.status()).isEqualTo(EmailOutbox.Status.PENDING);
        assertThat(row.attempts()).isEqualTo(1);

        bookworm.mailer().failing(false);
        bookworm.advance(Duration.ofMinutes(2));
        bookworm.drain();
        bookworm.drain();

        assertThat(emailsSent()).containsExactly(EmailKind.CONFIRMED);
        assertThat(bookworm.outbox()
                        .find(order, EmailKind.CONFIRMED)
                        .orElseThrow()
                        .status())
                .isEqualTo(EmailOutbox.Status.SENT);
    }

    @Test
    void raising_a_quantity_before_shipment_reserves_and_authorizes_the_difference() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        var outcome = bookworm.checkout()
                .modifyOrder(buyer, "mod-1", order, new Modification.ChangeQuantity(DUNE, Quantity.of(4)));
        bookworm.drain();

        assertThat(outcome.isDone()).isTrue();
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(6);
        assertThat(payment(order).authorized()).isEqualTo(usd("70.00"));
        bookworm.orders().shipAll(admin, order);
        bookworm.drain();
        assertThat(payment(order).captured()).isEqualTo(usd("70.00"));
    }

    @Test
    void a_modification_beyond_the_stock_is_refused_and_changes_nothing() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        var outcome = bookworm.checkout()
                .modifyOrder(buyer, null, order, new Modification.ChangeQuantity(DUNE, Quantity.of(11)));

        assertThat(outcome).isEqualTo(new Outcome.Refused<>(new CheckoutRejection.OutOfStock(order, List.of(DUNE))));
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(8);
        assertThat(payment(order).authorized()).isEqualTo(usd("40.00"));
        assertThat(bookworm.orders().load(buyer, order).version()).isEqualTo(2);
    }

    @Test
    void lowering_a_quantity_releases_stock_and_completion_voids_the_unused_authorization() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        bookworm.checkout().modifyOrder(buyer, null, order, new Modification.RemoveLine(EMMA));
        bookworm.drain();
        bookworm.orders().shipAll(admin, order);
        bookworm.orders().complete(buyer, null, order);
        bookworm.drain();

        assertThat(bookworm.inventory().available(EMMA)).isEqualTo(10);
        assertThat(payment(order).captured()).isEqualTo(usd("30.00"));
        assertThat(payment(order).voided()).isEqualTo(usd("10.00"));
    }

    @Test
    void a_modification_that_ordering_refuses_answers_the_order_rejection_itself_and_changes_nothing() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        var outcome = bookworm.checkout().modifyOrder(buyer, null, order, new Modification.RemoveLine(UNKNOWN));

        assertThat(outcome).isEqualTo(new Outcome.Refused<>(new OrderRejection.UnknownLine(order, UNKNOWN)));
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(8);
        assertThat(bookworm.orders().load(buyer, order).version()).isEqualTo(2);
    }

    @Test
    void an_order_still_in_checkout_cannot_change_quantities_yet() {
        OrderId order = checkout(PaymentMethod.TIME_OUT);

        assertThat(bookworm.checkout()
                        .modifyOrder(buyer, null, order, new Modification.ChangeQuantity(DUNE, Quantity.of(1))))
                .isEqualTo(new Outcome.Refused<>(new CheckoutRejection.CheckoutNotConfirmed(order)));
    }

    @Test
    void replaying_the_whole_log_to_every_reactor_moves_no_money_stock_or_mail_again() {
        OrderId order = checkout(PaymentMethod.APPROVE);
        bookworm.orders().ship(admin, order, List.of(new LineQuantity(DUNE, Quantity.of(1))));
        bookworm.drain();
        bookworm.orders().complete(admin, null, order);
        bookworm.drain();
        var movements = bookworm.gateway().movements();
        var mails = bookworm.mailer().sent();
        var outbox = bookworm.outboxRows();
        var log = bookworm.log().readAfter(LogPosition.START, 10_000);
        int onHand = bookworm.inventory().onHand(DUNE);

        for (String reactor : List.of(
                CheckoutReactor.NAME, OrderFollowUpReactor.NOTIFICATIONS, OrderFollowUpReactor.BASKET_CLEARING)) {
            bookworm.checkpoints().save(reactor, LogPosition.START);
        }
        bookworm.drain();

        assertThat(bookworm.gateway().movements()).isEqualTo(movements);
        assertThat(bookworm.mailer().sent()).isEqualTo(mails);
        assertThat(bookworm.outboxRows()).isEqualTo(outbox);
        assertThat(bookworm.log().readAfter(LogPosition.START, 10_000)).isEqualTo(log);
        assertThat(bookworm.inventory().onHand(DUNE)).isEqualTo(onHand);
        assertThat(bookworm.deadLetters().list(CheckoutReactor.NAME)).isEmpty();
    }

    @Test
    void a_modification_made_directly_on_a_confirmed_order_is_followed_by_stock_and_payment() {
        OrderId order = checkout(PaymentMethod.APPROVE);

        bookworm.orders().modify(buyer, null, order, new Modification.ChangeQuantity(DUNE, Quantity.of(3)));
        bookworm.drain();
        bookworm.orders().shipAll(admin, order);
        bookworm.drain();

        assertThat(bookworm.inventory().onHand(DUNE)).isEqualTo(7);
        assertThat(payment(order).authorized()).isEqualTo(usd("55.00"));
        assertThat(payment(order).captured()).isEqualTo(usd("55.00"));
    }

    @Test
    void a_place_order_that_died_after_marking_the_basket_frees_it_when_its_deadline_fires() {
        withBasket(buyer, DUNE, 1);
        var crashed = new OrderId(java.util.UUID.fromString("0192f0c8-9999-7000-8000-000000000001"));
        bookworm.basketStore().markCheckedOut(buyerId, crashed);
        bookworm.sagas()
                .handle(new org.bookworm.ordering.core.finance.CheckoutCommand.RequestCheckout(
                        crashed, buyerId, PaymentMethod.APPROVE, CheckoutTimeouts.DEFAULT, bookworm.now()));
        bookworm.drain();
        assertThat(bookworm.checkout().placeOrder(buyer, "retry", PaymentMethod.APPROVE))
                .isEqualTo(new Outcome.Refused<>(new CheckoutRejection.BasketAlreadyCheckedOut(buyerId, crashed)));

        bookworm.fireDeadlinesAt(bookworm.advance(Duration.ofSeconds(31)));

        assertThat(bookworm.sagas().load(crashed)).isInstanceOf(CheckoutState.Abandoned.class);
        OrderId order = orderOf(bookworm.checkout().placeOrder(buyer, "retry", PaymentMethod.APPROVE));
        bookworm.drain();
        assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void cancelling_while_the_payment_is_pending_releases_the_stock_and_later_deadlines_change_nothing() {
        OrderId order = checkout(PaymentMethod.TIME_OUT);
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(8);

        bookworm.orders().cancel(buyer, null, order);
        bookworm.drain();
        for (int attempt = 0; attempt < CheckoutTimeouts.DEFAULT.attempts(); attempt++) {
            bookworm.fireDeadlinesAt(bookworm.advance(Duration.ofSeconds(31)));
        }

        assertThat(status(order)).isEqualTo(OrderStatus.CANCELLED);
        assertThat(bookworm.sagas().load(order)).isEqualTo(new CheckoutState.Cancelled(order));
        assertThat(bookworm.inventory().available(DUNE)).isEqualTo(10);
        assertThat(bookworm.gateway().movements()).isEmpty();
        assertThat(bookworm.baskets().get(buyer).checkedOutBy()).isNull();
        assertThat(emailsSent()).containsExactly(EmailKind.CANCELLED);
    }
}
