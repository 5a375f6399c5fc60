package org.bookworm.ordering.core.basket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER_ID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.basket.BasketCommand.AddCopies;
import org.bookworm.ordering.core.basket.BasketCommand.ClearCheckedOut;
import org.bookworm.ordering.core.basket.BasketCommand.DeleteBasket;
import org.bookworm.ordering.core.basket.BasketCommand.MarkCheckedOut;
import org.bookworm.ordering.core.basket.BasketCommand.ReleaseCheckout;
import org.bookworm.ordering.core.basket.BasketCommand.RemoveLine;
import org.bookworm.ordering.core.basket.BasketCommand.ReplaceAll;
import org.bookworm.ordering.core.basket.BasketCommand.SetQuantity;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.Property;
import org.bookworm.ordering.core.testing.Property.Shrink;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Properties of the basket decider over seeded random command sequences for one buyer, checked against a plain map
 * model and against {@link InMemoryBasketStore}, which must follow the decider step by step.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketDeciderPropertiesTest {
    private static final BasketDecider DECIDER = new BasketDecider();
    private static final List<OrderId> ORDERS = List.of(
            OrderId.parse("0192f0c8-3c4b-7d8e-9f00-000000000001"),
            OrderId.parse("0192f0c8-3c4b-7d8e-9f00-000000000002"));
    // a few books more than the cap, drawn mostly from the first few so lines meet and copies pile up
    private static final int POOL = Basket.MAX_ITEMS + 5;

    @Test
    void caps_always_hold_refusals_change_nothing_and_the_store_follows_the_decider() {
        // what the runs met: a property whose generator never reaches a cap would pass vacuously
        Set<Class<?>> met = new HashSet<>();
        Property.check(
                "basket sequences",
                Property.DEFAULT_TRIES,
                BasketDeciderPropertiesTest::commands,
                Shrink.lists(),
                commands -> {
                    BasketState state = DECIDER.initialState();
                    Map<BookId, Integer> model = new HashMap<>();
                    Map<BookId, Integer> held = new HashMap<>();
                    @Nullable OrderId mark = null;
                    var store = new InMemoryBasketStore();
                    for (BasketCommand command : commands) {
                        Decision<BasketEvent, BasketRejection> decision = DECIDER.decide(command, state);
                        BasketState after = DECIDER.fold(state, decision.events());
                        Basket stored = apply(store, command, decision);
                        switch (decision) {
                            case Decision.Rejected<BasketEvent, BasketRejection> rejected ->
                                met.add(rejected.reason().getClass());
                            case Decision.Accepted<BasketEvent, BasketRejection> accepted ->
                                accepted.events().forEach(event -> met.add(event.getClass()));
                        }

                        assertThat(after.items()).hasSizeLessThanOrEqualTo(Basket.MAX_ITEMS);
                        assertThat(after.items())
                                .allSatisfy(item ->
                                        assertThat(item.quantity().value()).isBetween(1, Quantity.MAX));
                        assertThat(new HashSet<>(after.items().stream()
                                        .map(BasketItem::book)
                                        .toList()))
                                .hasSameSizeAs(after.items());
                        assertThat(stored).isEqualTo(after.toBasket(BUYER_ID));

                        if (decision instanceof Decision.Rejected<BasketEvent, BasketRejection> rejected) {
                            assertThat(after).isEqualTo(state);
                            assertThat(rejected.reason().buyer()).isEqualTo(BUYER_ID);
                            assertJustified(rejected.reason(), command, model, mark);
                        } else {
                            mark = modelStep(command, model, held, mark);
                        }
                        assertThat(mapOf(after.items())).isEqualTo(model);
                        assertThat(after.checkedOutBy()).isEqualTo(mark);
                        state = after;
                    }
                });
        assertThat(met)
                .containsAll(List.of(BasketRejection.class.getPermittedSubclasses()))
                .containsAll(List.of(BasketEvent.class.getPermittedSubclasses()));
    }

    /** The same command on the store: the basket it answers, or (refused) the same refusal and an unchanged basket. */
    private static Basket apply(
            InMemoryBasketStore store, BasketCommand command, Decision<BasketEvent, BasketRejection> decision) {
        Basket before = store.get(BUYER_ID);
        if (decision instanceof Decision.Rejected<BasketEvent, BasketRejection> rejected
                && !(command instanceof MarkCheckedOut)) {
            assertThat(run(store, command)).isEqualTo(new BasketAnswer.Refused<Basket>(rejected.reason()));
            assertThat(store.get(BUYER_ID)).isEqualTo(before);
            return store.get(BUYER_ID);
        }
        run(store, command);
        return store.get(BUYER_ID);
    }

    private static BasketAnswer<Basket> run(InMemoryBasketStore store, BasketCommand command) {
        return switch (command) {
            case AddCopies c -> store.add(c.buyer(), c.book(), c.quantity(), null);
            case SetQuantity c -> store.set(c.buyer(), c.book(), c.quantity(), null);
            case RemoveLine c -> store.remove(c.buyer(), c.book(), null);
            case ReplaceAll c -> store.replace(c.buyer(), c.items(), null);
            case DeleteBasket c -> store.delete(c.buyer(), null);
            case MarkCheckedOut c -> {
                boolean free = store.get(BUYER_ID).checkedOutBy() == null
                        || c.order().equals(store.get(BUYER_ID).checkedOutBy());
                assertThat(store.markCheckedOut(c.buyer(), c.order())).isEqualTo(free);
                yield new BasketAnswer.Done<>(store.get(BUYER_ID));
            }
            case ReleaseCheckout c -> {
                store.releaseCheckout(c.buyer(), c.order());
                yield new BasketAnswer.Done<>(store.get(BUYER_ID));
            }
            case ClearCheckedOut c ->
                new BasketAnswer.Done<>(store.clearCheckedOut(c.buyer(), c.order(), c.checkedOut()));
        };
    }

    /** A refusal names a cap the plain model would really break, or another order's mark. */
    private static void assertJustified(
            BasketRejection reason, BasketCommand command, Map<BookId, Integer> model, @Nullable OrderId mark) {
        switch (reason) {
            case BasketRejection.TooManyCopies tooMany -> {
                AddCopies add = (AddCopies) command;
                assertThat(model.getOrDefault(add.book(), 0) + add.quantity().value())
                        .isGreaterThan(Quantity.MAX);
            }
            case BasketRejection.TooManyBooks tooMany -> {
                int books = switch (command) {
                    case ReplaceAll c -> c.items().size();
                    case AddCopies c -> model.size() + (model.containsKey(c.book()) ? 0 : 1);
                    default -> throw new AssertionError("no book cap for " + command);
                };
                assertThat(books).isGreaterThan(Basket.MAX_ITEMS);
            }
            case BasketRejection.BookListedTwice twice ->
                assertThat(((ReplaceAll) command)
                                .items().stream()
                                        .filter(item -> item.book().equals(twice.book()))
                                        .count())
                        .isGreaterThan(1);
            case BasketRejection.NotInBasket absent -> assertThat(model).doesNotContainKey(absent.book());
            case BasketRejection.CheckedOutByAnotherOrder held -> {
                assertThat(mark).isNotNull().isEqualTo(held.holder());
                assertThat(((MarkCheckedOut) command).order()).isNotEqualTo(mark);
            }
        }
    }

    /**
     * The plain meaning of an accepted command, written without the decider: the next mark. {@code held} is what the
     * checkout holds per book: all the basket had at the mark, never more than a line has since, nothing once the line
     * was removed; clearing takes only that.
     */
    private static @Nullable OrderId modelStep(
            BasketCommand command, Map<BookId, Integer> model, Map<BookId, Integer> held, @Nullable OrderId mark) {
        switch (command) {
            case AddCopies c -> model.merge(c.book(), c.quantity().value(), Integer::sum);
            case SetQuantity c -> {
                model.put(c.book(), c.quantity().value());
                held.computeIfPresent(
                        c.book(),
                        (book, copies) -> Math.min(copies, c.quantity().value()));
            }
            case RemoveLine c -> {
                model.remove(c.book());
                held.remove(c.book());
            }
            case ReplaceAll c -> {
                model.clear();
                model.putAll(mapOf(c.items()));
                held.replaceAll((book, copies) -> Math.min(copies, model.getOrDefault(book, 0)));
                held.values().removeIf(copies -> copies == 0);
            }
            case DeleteBasket c -> {
                model.clear();
                held.clear();
                return null;
            }
            case MarkCheckedOut c -> {
                if (mark == null) {
                    held.putAll(model);
                }
                return c.order();
            }
            case ReleaseCheckout c -> {
                if (!c.order().equals(mark)) {
                    return mark;
                }
                held.clear();
                return null;
            }
            case ClearCheckedOut c -> {
                if (!c.order().equals(mark)) {
                    return mark;
                }
                for (BasketItem taken : c.checkedOut()) {
                    int left = model.getOrDefault(taken.book(), 0)
                            - Math.min(taken.quantity().value(), held.getOrDefault(taken.book(), 0));
                    if (left > 0) {
                        model.put(taken.book(), left);
                    } else {
                        model.remove(taken.book());
                    }
                }
                held.clear();
                return null;
            }
        }
        return mark;
    }

    private static Map<BookId, Integer> mapOf(List<BasketItem> items) {
        var map = new HashMap<BookId, Integer>();
        items.forEach(item -> map.put(item.book(), item.quantity().value()));
        return map;
    }

    static List<BasketCommand> commands(SplittableRandom random) {
        int length = random.nextInt(0, 40);
        var commands = new ArrayList<BasketCommand>();
        for (int i = 0; i < length; i++) {
            commands.add(command(random));
        }
        return List.copyOf(commands);
    }

    private static BasketCommand command(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0, 1 -> new AddCopies(BUYER_ID, book(random), quantity(random));
            case 2 -> new SetQuantity(BUYER_ID, book(random), quantity(random));
            case 3 -> new RemoveLine(BUYER_ID, book(random));
            case 4 -> new ReplaceAll(BUYER_ID, items(random, random.nextInt(0, Basket.MAX_ITEMS + 3)));
            case 5 -> new DeleteBasket(BUYER_ID);
            case 6, 7 -> new MarkCheckedOut(BUYER_ID, order(random));
            case 8 -> new ReleaseCheckout(BUYER_ID, order(random));
            default -> new ClearCheckedOut(BUYER_ID, order(random), items(random, random.nextInt(0, 4)));
        };
    }

    /** Up to {@code size} lines; now and then a book twice, to meet the duplicate refusal. */
    private static List<BasketItem> items(SplittableRandom random, int size) {
        var items = new ArrayList<BasketItem>();
        boolean distinct = random.nextInt(8) != 0;
        int start = random.nextInt(POOL);
        for (int n = 0; n < size; n++) {
            BookId book = distinct ? bookNumber((start + n) % POOL) : book(random);
            items.add(new BasketItem(book, quantity(random)));
        }
        return items;
    }

    private static BookId book(SplittableRandom random) {
        return bookNumber(random.nextInt(4) == 0 ? random.nextInt(POOL) : random.nextInt(3));
    }

    private static BookId bookNumber(int n) {
        return new BookId(new UUID(0x0192f0c83c4b7d8eL, 0x9f00_0000_0000_2000L + n));
    }

    private static Quantity quantity(SplittableRandom random) {
        return Quantity.of(random.nextInt(3) == 0 ? random.nextInt(1, Quantity.MAX + 1) : random.nextInt(1, 40));
    }

    private static OrderId order(SplittableRandom random) {
        return ORDERS.get(random.nextInt(ORDERS.size()));
    }
}
