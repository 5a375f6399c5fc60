package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * How many statements a reservation sends (issue 13: one per checkout, on the saga's path). The stock rows of its
 * books are locked and read in one statement, not locked, then read twice per line.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class InventoryStatementsIT {
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000d001"));
    private static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000e001"));
    private static TestDatabase db;
    private static PostgresAdapters pg;
    private static StatementCounter statements;
    private static PostgresInventory inventory;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        pg = PostgresAdapters.startWithoutGroupCommit(db.config());
        statements = new StatementCounter(pg.dataSource());
        inventory = new PostgresInventory(statements.dataSource());
        inventory.restock(DUNE, 10);
        inventory.restock(EMMA, 1);
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
            db.close();
        }
    }

    @Test
    void a_reservation_of_two_books_locks_and_reads_their_stock_in_one_statement() {
        statements.take();

        var answer = inventory.reserve(new OrderId(UUID.randomUUID()), List.of(line(DUNE, 2), line(EMMA, 1)));

        assertThat(answer).isEqualTo(new Inventory.Answer.Reserved());
        // the order's lock, its reservation's state, the stock, the reservation, its two lines
        assertThat(statements.take()).as("statements sent").isEqualTo(6);
        assertThat(inventory.available(DUNE)).isEqualTo(8);
        assertThat(inventory.available(EMMA)).isZero();
    }

    @Test
    void a_reservation_short_of_a_book_that_has_no_stock_row_names_it_and_holds_nothing() {
        BookId unknown = new BookId(UUID.randomUUID());
        int before = inventory.available(DUNE);

        var answer = inventory.reserve(new OrderId(UUID.randomUUID()), List.of(line(DUNE, 1), line(unknown, 1)));

        assertThat(answer).isEqualTo(new Inventory.Answer.OutOfStock(List.of(unknown)));
        assertThat(inventory.available(DUNE)).isEqualTo(before);
    }

    private static LineQuantity line(BookId book, int copies) {
        return new LineQuantity(book, Quantity.of(copies));
    }
}
