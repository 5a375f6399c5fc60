package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.basket.Inventory.Answer;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every {@link Inventory} promises. Subclasses hand out a fresh, empty inventory per test. */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class InventoryContract {
    protected static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    protected static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));

    /** A fresh, empty inventory; creating or truncating it is the implementation's job. */
    protected abstract Inventory emptyInventory();

    private Inventory inventory;

    @BeforeEach
    final void createInventory() {
        inventory = emptyInventory();
    }

    private String impl() {
        return inventory.getClass().getSimpleName();
    }

    private static OrderId order() {
        return new OrderId(UUID.randomUUID());
    }

    private static List<LineQuantity> lines(Object... bookAndCopies) {
        var lines = new ArrayList<LineQuantity>();
        for (int i = 0; i < bookAndCopies.length; i += 2) {
            lines.add(new LineQuantity((BookId) bookAndCopies[i], Quantity.of((Integer) bookAndCopies[i + 1])));
        }
        return lines;
    }

    @Test
    void a_book_never_stocked_has_nothing_available() {
        assertThat(inventory.available(DUNE)).as(impl()).isZero();
        assertThat(inventory.onHand(DUNE)).as(impl()).isZero();
        assertThatThrownBy(() -> inventory.restock(DUNE, -1)).as(impl()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reservation_holds_every_line_and_lowers_what_is_available() {
        inventory.restock(DUNE, 5);
        inventory.restock(EMMA, 5);
        OrderId order = order();

        assertThat(inventory.reserve(order, lines(DUNE, 2, EMMA, 5))).as(impl()).isEqualTo(new Answer.Reserved());

        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(3);
        assertThat(inventory.available(EMMA)).as(impl()).isZero();
        assertThat(inventory.onHand(DUNE)).as(impl()).isEqualTo(5);
        assertThat(inventory.held(order)).as(impl()).containsExactlyInAnyOrderElementsOf(lines(DUNE, 2, EMMA, 5));
    }

    @Test
    void a_reservation_is_all_or_nothing() {
        inventory.restock(DUNE, 5);
        inventory.restock(EMMA, 1);
        OrderId order = order();

        assertThat(inventory.reserve(order, lines(DUNE, 2, EMMA, 2)))
                .as(impl())
                .isEqualTo(new Answer.OutOfStock(List.of(EMMA)));

        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(5);
        assertThat(inventory.held(order)).as(impl()).isEmpty();
    }

    @Test
    void reserving_again_for_the_same_order_holds_nothing_more() {
        inventory.restock(DUNE, 5);
        OrderId order = order();
        inventory.reserve(order, lines(DUNE, 2));

        assertThat(inventory.reserve(order, lines(DUNE, 2))).as(impl()).isEqualTo(new Answer.Reserved());

        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(3);
    }

    @Test
    void a_release_frees_the_stock_and_a_late_reserve_holds_nothing_again() {
        inventory.restock(DUNE, 5);
        OrderId order = order();
        inventory.reserve(order, lines(DUNE, 2));

        inventory.release(order);
        inventory.release(order);

        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(5);
        assertThat(inventory.reserve(order, lines(DUNE, 2))).as(impl()).isEqualTo(new Answer.Closed());
        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(5);
    }

    @Test
    void releasing_an_unknown_order_closes_it() {
        inventory.restock(DUNE, 5);
        OrderId order = order();

        inventory.release(order);

        assertThat(inventory.reserve(order, lines(DUNE, 1))).as(impl()).isEqualTo(new Answer.Closed());
    }

    @Test
    void an_adjustment_replaces_what_is_held_or_keeps_the_old_reservation() {
        inventory.restock(DUNE, 5);
        OrderId order = order();
        inventory.reserve(order, lines(DUNE, 2));

        assertThat(inventory.adjust(order, lines(DUNE, 5))).as(impl()).isEqualTo(new Answer.Reserved());
        assertThat(inventory.available(DUNE)).as(impl()).isZero();
        assertThat(inventory.adjust(order, lines(DUNE, 6))).as(impl()).isEqualTo(new Answer.OutOfStock(List.of(DUNE)));
        assertThat(inventory.held(order)).as(impl()).containsExactlyElementsOf(lines(DUNE, 5));
        assertThat(inventory.adjust(order(), lines(DUNE, 1))).as(impl()).isEqualTo(new Answer.Closed());
    }

    @Test
    void a_commit_takes_the_shipment_off_hand_once() {
        inventory.restock(DUNE, 5);
        OrderId order = order();
        inventory.reserve(order, lines(DUNE, 3));
        UUID shipment = UUID.randomUUID();

        inventory.commit(order, shipment, lines(DUNE, 2));
        inventory.commit(order, shipment, lines(DUNE, 2));

        assertThat(inventory.onHand(DUNE)).as(impl()).isEqualTo(3);
        assertThat(inventory.held(order)).as(impl()).containsExactlyElementsOf(lines(DUNE, 1));
        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(2);
        inventory.release(order);
        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(3);
    }

    @Test
    void racing_reservations_never_hold_more_than_is_on_hand() throws Exception {
        inventory.restock(DUNE, 10);
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            var start = new CountDownLatch(1);
            var answers = new ArrayList<Future<Answer>>();
            for (int i = 0; i < racers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return inventory.reserve(order(), lines(DUNE, 3));
                }));
            }
            start.countDown();
            int reserved = 0;
            for (Future<Answer> answer : answers) {
                if (answer.get(10, TimeUnit.SECONDS) instanceof Answer.Reserved) {
                    reserved++;
                }
            }
            assertThat(reserved).as(impl()).isEqualTo(3);
            assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_stock_of_a_book_is_what_is_on_hand_and_what_open_reservations_hold() {
        assertThat(inventory.stock(DUNE)).as(impl()).isEqualTo(new Inventory.StockLevel(0, 0));
        inventory.restock(DUNE, 10);
        OrderId first = order();
        inventory.reserve(first, lines(DUNE, 3));
        inventory.reserve(order(), lines(DUNE, 2));

        assertThat(inventory.stock(DUNE)).as(impl()).isEqualTo(new Inventory.StockLevel(10, 5));
        assertThat(inventory.stock(DUNE).available()).isEqualTo(5);
        inventory.release(first);
        assertThat(inventory.stock(DUNE)).as(impl()).isEqualTo(new Inventory.StockLevel(10, 2));
    }

    @Test
    void a_stock_take_below_what_is_held_leaves_the_reservations_alone_and_availability_negative() {
        inventory.restock(DUNE, 5);
        inventory.reserve(order(), lines(DUNE, 4));

        inventory.restock(DUNE, 1);

        assertThat(inventory.stock(DUNE)).as(impl()).isEqualTo(new Inventory.StockLevel(1, 4));
        assertThat(inventory.available(DUNE)).as(impl()).isEqualTo(-3);
        assertThat(inventory.reserve(order(), lines(DUNE, 1))).as(impl()).isInstanceOf(Answer.OutOfStock.class);
    }

    @Test
    void a_delivery_adds_copies_on_hand_once_per_receipt() {
        inventory.restock(DUNE, 3);
        UUID receipt = UUID.randomUUID();

        var first = inventory.receive(DUNE, receipt, 5);
        inventory.receive(DUNE, UUID.randomUUID(), 1);
        var again = inventory.receive(DUNE, receipt, 5);

        assertThat(first).as(impl()).isEqualTo(new Inventory.Receipt.Received(8));
        assertThat(again).as(impl()).isEqualTo(first);
        assertThat(inventory.onHand(DUNE)).as(impl()).isEqualTo(9);
        assertThat(inventory.receive(EMMA, UUID.randomUUID(), 2)).isEqualTo(new Inventory.Receipt.Received(2));
    }

    @Test
    void a_receipt_used_for_another_delivery_changes_nothing() {
        UUID receipt = UUID.randomUUID();
        inventory.receive(DUNE, receipt, 5);

        assertThat(inventory.receive(DUNE, receipt, 6)).as(impl()).isEqualTo(new Inventory.Receipt.ReceiptReused());
        assertThat(inventory.receive(EMMA, receipt, 5)).as(impl()).isEqualTo(new Inventory.Receipt.ReceiptReused());
        assertThat(inventory.onHand(DUNE)).isEqualTo(5);
        assertThat(inventory.onHand(EMMA)).isZero();
    }

    @Test
    void a_delivery_of_no_copies_or_too_many_is_refused() {
        assertThatThrownBy(() -> inventory.receive(DUNE, UUID.randomUUID(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a delivery brings 1 to 1000000 copies, not 0");
        assertThatThrownBy(() -> inventory.receive(DUNE, UUID.randomUUID(), 1_000_001))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(inventory.onHand(DUNE)).as(impl()).isZero();
    }

    @Test
    void racing_deliveries_with_one_receipt_add_once_and_racing_distinct_ones_all_add() throws Exception {
        UUID receipt = UUID.randomUUID();
        List<Object> same = Racing.race(8, racer -> inventory.receive(DUNE, receipt, 4));
        List<Object> distinct = Racing.race(8, racer -> inventory.receive(EMMA, UUID.randomUUID(), 1));

        assertThat(same).as(impl()).containsOnly(new Inventory.Receipt.Received(4));
        assertThat(distinct)
                .as(impl())
                .allSatisfy(answer -> assertThat(answer).isInstanceOf(Inventory.Receipt.Received.class));
        assertThat(inventory.stock(DUNE)).as(impl()).isEqualTo(new Inventory.StockLevel(4, 0));
        assertThat(inventory.onHand(EMMA)).as(impl()).isEqualTo(8);
    }
}
