package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
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
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.Modification;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ordering's commands with a request id, against any composition of the services (ADR 0018, docs/messages.md section
 * 8): the same id with the same request answers the first outcome with no second effect, whether the repeat follows
 * the first call or races it; the same id with another request is refused; a refused request leaves its id free. A
 * composition runs it with a one-method subclass that hands out a fresh, empty {@link CheckoutWorld} per test.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
public abstract class RequestIdContract {
    private static final BookId DUNE = CheckoutEndToEndContract.DUNE;
    private static final BookId EMMA = CheckoutEndToEndContract.EMMA;
    private static final int RACERS = 8;

    private final BuyerId buyerId = new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000002"));
    private final Caller buyer = Caller.buyer(buyerId);
    private final Caller admin = Caller.admin("admin-1");
    private CheckoutWorld world;

    /** A fresh, empty composition. */
    protected abstract CheckoutWorld newWorld();

    @BeforeEach
    final void seed() {
        world = newWorld();
        var usd = Money.of("10.00", "USD");
        world.catalog().put(new Book(DUNE, new BookTitle("Dune"), usd, null, StockStatus.IN_STOCK));
        world.catalog().put(new Book(EMMA, new BookTitle("Emma"), usd, null, StockStatus.IN_STOCK));
        world.inventory().restock(DUNE, 100);
        world.inventory().restock(EMMA, 100);
        world.buyers()
                .create(
                        buyer,
                        new PersonName("Ada Lovelace"),
                        new EmailAddress("ada@example.com"),
                        new Address("1 Main St", "Seattle", "WA"));
        world.drain();
    }

    /** One command: {@code prepare} brings an order to where it applies; the command then runs with a request id. */
    record Command(String name, int effect, Function<RequestIdContract, Function<String, Outcome<?>>> prepare) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Command> commands() {
        return Stream.of(
                new Command("PlaceOrder", 2, c -> {
                    c.fillBasket();
                    return id -> c.world.checkout().placeOrder(c.buyer, id, PaymentMethod.APPROVE);
                }),
                new Command("ModifyOrder raising a quantity", 2, c -> {
                    OrderId order = c.confirmedOrder();
                    var raise = new Modification.ChangeQuantity(DUNE, Quantity.of(3));
                    return id -> c.world.checkout().modifyOrder(c.buyer, id, order, raise);
                }),
                new Command("ModifyOrder removing a line", 1, c -> {
                    OrderId order = c.confirmedOrder();
                    var remove = new Modification.RemoveLine(EMMA);
                    return id -> c.world.checkout().modifyOrder(c.buyer, id, order, remove);
                }),
                new Command("ModifyOrder to what it already is (no event, the outcome is still stored)", 0, c -> {
                    OrderId order = c.confirmedOrder();
                    var same = new Modification.ChangeQuantity(DUNE, Quantity.of(2));
                    return id -> c.world.checkout().modifyOrder(c.buyer, id, order, same);
                }),
                new Command("CancelOrder", 1, c -> {
                    OrderId order = c.placedOrder();
                    return id -> c.world.orders().cancel(c.buyer, id, order);
                }),
                new Command("ShipOrder, part", 1, c -> {
                    OrderId order = c.confirmedOrder();
                    var one = List.of(new LineQuantity(DUNE, Quantity.of(1)));
                    return id -> c.world.orders().ship(c.admin, id, order, one);
                }),
                new Command("ShipOrder, the rest", 1, c -> {
                    OrderId order = c.confirmedOrder();
                    return id -> c.world.orders().shipAll(c.admin, id, order);
                }),
                new Command("CompleteOrder", 1, c -> {
                    OrderId order = c.confirmedOrder();
                    c.world.orders().shipAll(c.admin, "ship-first", order);
                    return id -> c.world.orders().complete(c.buyer, id, order);
                }),
                new Command("DeleteOrder", 1, c -> {
                    OrderId order = c.placedOrder();
                    c.world.orders().cancel(c.buyer, "cancel-first", order);
                    return id -> c.world.orders().delete(c.admin, id, order);
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void a_repeat_answers_the_first_outcome_and_does_nothing_more(Command command) {
        var run = command.prepare().apply(this);
        int before = events();
        Outcome<?> first = run.apply("same-id");
        int after = events();

        Outcome<?> again = run.apply("same-id");

        assertThat(first).isInstanceOf(Outcome.Done.class);
        assertThat(after - before).as("events of the first call").isEqualTo(command.effect());
        assertThat(again).isEqualTo(first);
        assertThat(events()).as("events after the repeat").isEqualTo(after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void racing_repeats_all_answer_the_winners_outcome_which_happens_once(Command command) throws Exception {
        var run = command.prepare().apply(this);
        int before = events();

        List<Object> answers = Racing.race(RACERS, racer -> run.apply("same-id"));

        assertThat(answers.get(0)).isInstanceOf(Outcome.Done.class);
        assertThat(answers)
                .as("every racer's answer")
                .allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(events() - before).as("events of all racers").isEqualTo(command.effect());
    }

    @Test
    void the_same_id_for_another_request_is_refused_and_writes_nothing() {
        OrderId order = confirmedOrder();
        world.orders().ship(admin, "ship-1", order, List.of(new LineQuantity(DUNE, Quantity.of(1))));
        int before = events();

        assertThatThrownBy(() -> world.orders().shipAll(admin, "ship-1", order))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThatThrownBy(() -> world.orders().cancel(admin, "ship-1", order))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void a_refused_request_leaves_its_id_free_and_a_retry_decides_again() {
        OrderId order = placedOrder();
        var ship = List.of(new LineQuantity(DUNE, Quantity.of(1)));

        assertThat(world.orders().ship(admin, "ship-1", order, ship)).isInstanceOf(Outcome.Refused.class);
        world.drain(); // checkout confirms the order

        assertThat(world.orders().ship(admin, "ship-1", order, ship)).isInstanceOf(Outcome.Done.class);
    }

    @Test
    void a_repeat_of_a_no_op_answers_like_the_first_after_the_order_moved_on() {
        OrderId order = confirmedOrder();
        var same = new Modification.ChangeQuantity(DUNE, Quantity.of(2));
        Outcome<?> first = world.checkout().modifyOrder(buyer, "modify-1", order, same);
        world.orders().shipAll(admin, "ship-1", order);

        assertThat(world.checkout().modifyOrder(buyer, "modify-1", order, same)).isEqualTo(first);
    }

    @Test
    void the_same_id_of_two_callers_are_two_requests() {
        OrderId order = confirmedOrder();
        var other = Caller.admin("admin-2");
        var one = List.of(new LineQuantity(DUNE, Quantity.of(1)));

        Outcome<?> first = world.orders().ship(admin, "ship-1", order, one);
        Outcome<?> second = world.orders().ship(other, "ship-1", order, one);

        assertThat(second).isNotEqualTo(first).isInstanceOf(Outcome.Done.class);
    }

    /** Every event committed so far: reading on after the last one waits out a log reader's brief holdback. */
    private int events() {
        int count = 0;
        LogPosition after = LogPosition.START;
        for (List<RecordedEvent> read = world.log().readAfter(after, Integer.MAX_VALUE);
                !read.isEmpty();
                read = world.log().readAfter(after, Integer.MAX_VALUE)) {
            count += read.size();
            after = read.get(read.size() - 1).position();
        }
        return count;
    }

    private void fillBasket() {
        world.baskets().add(buyer, DUNE, Quantity.of(2));
        world.baskets().add(buyer, EMMA, Quantity.of(1));
    }

    private OrderId placedOrder() {
        fillBasket();
        Outcome<?> placed = world.checkout().placeOrder(buyer, "place-" + UUID.randomUUID(), PaymentMethod.APPROVE);
        if (!(placed instanceof Outcome.Done<?> done)) {
            throw new AssertionError("expected an order, got " + placed);
        }
        return new OrderId(done.stream().id());
    }

    private OrderId confirmedOrder() {
        OrderId order = placedOrder();
        world.drain();
        return order;
    }
}
