package org.bookworm.ordering.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
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
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.CheckoutState;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentState;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * The four services in one process, on the in-memory adapters: a checkout that succeeds (basket, reservation,
 * payment authorization, confirmation, e-mail and basket clearing, then shipment, capture and completion), one that
 * fails because a book is out of stock, and one whose payment is declined. Every step prints what the log and the
 * services show. The clock and ids are seeded, so every run prints the same story.
 */
public final class CheckoutDemo {
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    private static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    private static final BuyerId ALICE = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000a1"));

    private final PrintStream out;
    private final StepClock clock = new StepClock(Instant.parse("2026-11-24T09:00:00Z"), Duration.ofMillis(1));
    private final InMemoryBookWorm bookworm = new InMemoryBookWorm(clock, new SplittableRandom(42));
    private final Caller alice = Caller.buyer(ALICE);
    private final Caller admin = Caller.admin("admin-1");
    private long printed;

    private CheckoutDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** Runs the whole story, printing each step to {@code out}. */
    public static void run(PrintStream out) {
        new CheckoutDemo(out).run();
    }

    private void run() {
        out.println("BookWorm Orders: checkout across Ordering, Basket, Finance and Notification, in memory");
        bookworm.catalog.put(new Book(
                DUNE, new BookTitle("Dune"), Money.of("20.00", "USD"), Money.of("15.00", "USD"), StockStatus.IN_STOCK));
        bookworm.catalog.put(
                new Book(EMMA, new BookTitle("Emma"), Money.of("10.00", "USD"), null, StockStatus.IN_STOCK));
        bookworm.inventory.restock(DUNE, 5);
        bookworm.inventory.restock(EMMA, 1);
        bookworm.ordering.buyers.create(
                alice,
                new PersonName("Alice Liddell"),
                new EmailAddress("alice@example.com"),
                new Address("123 Main St", "Seattle", "WA"));
        bookworm.drain();
        out.println("Catalog: Dune 20.00 (sale 15.00, 5 in stock), Emma 10.00 (1 in stock); Alice has a profile");

        out.println();
        out.println("1. A checkout that succeeds");
        bookworm.baskets.add(alice, DUNE, Quantity.of(2));
        var basket = bookworm.baskets.add(alice, EMMA, Quantity.of(1)).orElseThrow();
        out.println("   Alice's basket: 2 x Dune, 1 x Emma, priced at " + basket.total());
        OrderId order = place("tok_approve");
        printLog();
        out.println("   order " + status(order) + "; stock left: Dune " + bookworm.inventory.available(DUNE) + ", Emma "
                + bookworm.inventory.available(EMMA) + "; basket now holds "
                + bookworm.baskets.get(alice).items().size() + " lines");
        bookworm.ordering.orders.shipAll(admin, order);
        bookworm.drain();
        bookworm.ordering.orders.complete(alice, null, order);
        bookworm.drain();
        out.println("   the warehouse ships everything, Alice confirms delivery:");
        printLog();
        out.println("   order " + status(order) + "; " + payment(order));
        printMails();

        out.println();
        out.println("2. A checkout that fails: Emma is out of stock");
        bookworm.baskets.add(alice, EMMA, Quantity.of(1));
        OrderId outOfStock = place("tok_approve");
        printLog();
        out.println("   order " + status(outOfStock) + "; stock of Dune still " + bookworm.inventory.available(DUNE)
                + "; nothing charged: " + (bookworm.payments.load(outOfStock) instanceof PaymentState.NoPayment)
                + "; Alice keeps her basket: "
                + bookworm.baskets.get(alice).items().size() + " line");
        printMails();
        bookworm.baskets.delete(alice);

        out.println();
        out.println("3. A checkout whose payment is declined");
        bookworm.baskets.add(alice, DUNE, Quantity.of(1));
        OrderId declined = place("tok_decline");
        printLog();
        out.println("   order " + status(declined) + "; Dune available again: " + bookworm.inventory.available(DUNE));
        printMails();

        out.println();
        out.println("4. A second checkout of a basket already in checkout is refused");
        bookworm.baskets.add(alice, DUNE, Quantity.of(1));
        var first = bookworm.checkout.placeOrder(alice, "slow", new PaymentMethod("tok_timeout"));
        var second = bookworm.checkout.placeOrder(alice, "again", new PaymentMethod("tok_approve"));
        out.println("   " + (second instanceof Outcome.Refused<?> refused ? "refused: " + reason(refused) : second));
        bookworm.drain();
        for (int attempt = 1; attempt <= 3; attempt++) {
            bookworm.fireDeadlinesAt(clock.advance(Duration.ofSeconds(31)));
        }
        OrderId slow = new OrderId(((Outcome.Done<?>) first).stream().id());
        out.println("   the payment never answers: after three attempts the order is " + status(slow) + " ("
                + ((CheckoutState.Failed) bookworm.sagas.load(slow)).reason().description() + ")");
        printMails();
    }

    private OrderId place(String token) {
        var outcome =
                bookworm.checkout.placeOrder(alice, "req-" + token + "-" + clock.instant(), new PaymentMethod(token));
        if (!(outcome instanceof Outcome.Done<?> done)) {
            throw new IllegalStateException("the demo expected an order: " + outcome);
        }
        out.println("   Alice places the order with payment token " + token);
        bookworm.drain();
        return new OrderId(done.stream().id());
    }

    private String status(OrderId order) {
        return bookworm.ordering
                .queries
                .find(admin, order)
                .orElseThrow()
                .status()
                .stage();
    }

    private String payment(OrderId order) {
        if (bookworm.payments.load(order) instanceof PaymentState.Active active) {
            return "payment authorized " + active.authorized() + ", captured " + active.captured() + ", voided "
                    + active.voided();
        }
        return "no payment";
    }

    private void printLog() {
        List<RecordedEvent> events = bookworm.ordering.events.readAfter(
                new org.bookworm.ordering.core.eventsourcing.LogPosition(printed, printed), 1_000);
        for (RecordedEvent event : events) {
            if (!(event.stream().type().equals(BuyerService.STREAM))) {
                out.println("     " + event.stream().type().prefix() + " | "
                        + event.event().getClass().getSimpleName());
            }
            printed = event.position().position();
        }
    }

    private int mailed;

    private void printMails() {
        var sent = bookworm.mailer.sent();
        for (var mail : sent.subList(mailed, sent.size())) {
            out.println("   e-mail to " + mail.email().to().value() + ": "
                    + mail.email().subject());
        }
        mailed = sent.size();
    }

    private static String reason(Outcome.Refused<?> refused) {
        return refused.reason() instanceof org.bookworm.ordering.core.ordering.CheckoutRejection rejection
                ? rejection.message()
                : String.valueOf(refused.reason());
    }
}
