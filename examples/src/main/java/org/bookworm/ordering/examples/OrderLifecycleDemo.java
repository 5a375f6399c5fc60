package org.bookworm.ordering.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderView;

/**
 * Embeds the ordering core as a library, on its in-memory adapters, and drives orders through their life: placed,
 * confirmed, modified, shipped in two parts, completed; a cancellation; a failed checkout and its soft delete; and the
 * refusals a person meets on the way. The clock and ids are seeded, so every run prints the same story.
 */
public final class OrderLifecycleDemo {
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    private static final BookId NEUROMANCER = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    private static final BuyerId ALICE = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000a1"));
    private static final BuyerId BOB = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000b0"));

    private final PrintStream out;
    private final StepClock clock = new StepClock(Instant.parse("2026-11-24T09:00:00Z"), Duration.ofMinutes(1));
    private final InMemoryOrdering ordering = new InMemoryOrdering(clock, new SplittableRandom(42));
    private final Caller alice = Caller.buyer(ALICE);
    private final Caller admin = Caller.admin("admin-1");
    private final Caller checkout = Caller.system("checkout");

    private OrderLifecycleDemo(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        new OrderLifecycleDemo(System.out).run();
    }

    /** Runs the whole story, printing each step to {@code out}. */
    public static void run(PrintStream out) {
        new OrderLifecycleDemo(out).run();
    }

    private void run() {
        out.println("BookWorm Orders: an order's life, in memory");
        var address = new Address("123 Main St", "Seattle", "WA");
        ordering.buyers.create(alice, new PersonName("Alice Liddell"), new EmailAddress("alice@example.com"), address);
        var buyer = new BuyerSnapshot(ALICE, new PersonName("Alice Liddell"), new EmailAddress("alice@example.com"));
        step("Alice creates her buyer profile", null);

        OrderId first = placed(ordering.orders.place(alice, "req-1", buyer, address, lines(2, 1)));
        step("Alice places an order: 2 x Dune at 12.50, 1 x Neuromancer at 9.99", first);
        OrderId retried = placed(ordering.orders.place(alice, "req-1", buyer, address, lines(2, 1)));
        out.println("    a retry with the same request id answers the same order: " + retried.equals(first));
        show(ordering.orders.confirm(checkout, first), "Checkout reserves the books and authorizes the payment", first);
        Instant beforeChange = clock.instant();
        show(
                ordering.orders.modify(alice, null, first, new Modification.ChangeQuantity(DUNE, Quantity.of(3))),
                "Alice raises Dune to 3 before anything ships",
                first);
        show(
                ordering.orders.ship(admin, first, List.of(new LineQuantity(DUNE, Quantity.of(2)))),
                "The warehouse ships 2 x Dune",
                first);
        show(ordering.orders.shipAll(admin, first), "The warehouse ships the rest", first);
        show(ordering.orders.complete(alice, null, first), "Alice confirms delivery", first);
        show(ordering.orders.cancel(alice, null, first), "Alice tries to cancel the completed order", first);

        OrderId second = placed(ordering.orders.place(alice, "req-2", buyer, address, lines(1, 0)));
        step("Alice places a second order: 1 x Dune", second);
        show(ordering.orders.cancel(alice, null, second), "Alice cancels it before it ships", second);

        OrderId third = placed(ordering.orders.place(alice, "req-3", buyer, address, lines(0, 2)));
        step("Alice places a third order: 2 x Neuromancer", third);
        show(
                ordering.orders.fail(checkout, third, FailureReason.PAYMENT_DECLINED),
                "Checkout fails: payment declined",
                third);
        show(ordering.orders.delete(alice, third), "Alice tries to delete it", third);
        show(ordering.orders.delete(admin, third), "An admin soft-deletes the failed order", third);

        ordering.drain();
        out.println("Bob looks for Alice's first order: "
                + ordering.queries
                        .find(Caller.buyer(BOB), first)
                        .map(v -> "found")
                        .orElse("not found"));
        out.println("Alice's orders, newest first:");
        ordering.queries
                .list(alice, null, null, PageRequest.first(10))
                .items()
                .forEach(summary -> out.println(
                        "    " + summary.id() + "  " + summary.status().stage() + "  " + summary.total()));
        out.println("History of the first order:");
        for (RecordedEvent event : ordering.queries.history(alice, first)) {
            out.println("    v" + event.version() + " " + event.recordedAt() + " "
                    + event.event().getClass().getSimpleName());
        }
        OrderView then = ordering.queries.asOf(alice, first, beforeChange).orElseThrow();
        out.println(
                "The first order as of " + beforeChange + ": " + then.status().stage() + ", " + then.total()
                        + ", Dune x " + then.lines().get(0).quantity());
    }

    private List<OrderLine> lines(int dune, int neuromancer) {
        var usd = Money.currency("USD");
        var lines = new java.util.ArrayList<OrderLine>();
        if (dune > 0) {
            lines.add(new OrderLine(
                    DUNE, new BookTitle("Dune"), Quantity.of(dune), Money.of(new java.math.BigDecimal("12.50"), usd)));
        }
        if (neuromancer > 0) {
            lines.add(new OrderLine(
                    NEUROMANCER,
                    new BookTitle("Neuromancer"),
                    Quantity.of(neuromancer),
                    Money.of(new java.math.BigDecimal("9.99"), usd)));
        }
        return lines;
    }

    private static OrderId placed(Outcome<OrderRejection> outcome) {
        if (outcome instanceof Outcome.Done<OrderRejection> done) {
            return new OrderId(done.stream().id());
        }
        throw new IllegalStateException("the demo expected an order to be placed: " + outcome);
    }

    private void show(Outcome<OrderRejection> outcome, String what, OrderId order) {
        switch (outcome) {
            case Outcome.Done<OrderRejection> done -> step(what, order);
            case Outcome.Refused<OrderRejection> refused ->
                out.println("  refused: " + what + " -> " + refused.reason().message());
        }
    }

    private void step(String what, OrderId order) {
        ordering.drain();
        if (order == null) {
            out.println("  " + what);
            return;
        }
        String state = ordering.queries
                .find(admin, order)
                .map(view -> view.status().stage() + ", total " + view.total() + ", shipped " + shipped(view))
                .orElse("hidden (deleted)");
        out.println("  " + what + " -> " + state);
    }

    private static String shipped(OrderView view) {
        return view.lines().stream().mapToInt(OrderView.Line::shipped).sum() + "/"
                + view.lines().stream().mapToInt(OrderView.Line::quantity).sum();
    }
}
