package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How many statements the calls on a checkout's path send (issue 13), counted by {@link StatementCounter}. A checkout
 * folds three or four streams that have no events yet (its saga at PlaceOrder, its order, its payment), and each such
 * load asked for the stream's version a second time, although a load from the start of a stream that finds nothing
 * can only be at version 0. A reservation locks and reads its books' stock in one statement, not a lock per book and
 * two reads per line.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutStatementsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = PostgresTestDatabase.withoutGroupCommit();

    private static StatementCounter statements;
    private static StatementCounter inventoryStatements;
    private static PostgresEventStore store;
    private static PostgresInventory inventory;
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000d001"));
    private static final BookId EMMA = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-00000000e001"));

    @BeforeAll
    static void start() {
        statements = new StatementCounter(pg.adapters().dataSource());
        // its NOTIFYs, sent up to a window after an append (ADR 0054), are not counted as a later test's statements
        store = new PostgresEventStore(
                statements.dataSource(),
                pg.adapters().codec(),
                0,
                PostgresEventStore.TURN_HOLD,
                new ReaderWakeUps(pg.adapters().dataSource()));
        inventoryStatements = new StatementCounter(pg.adapters().dataSource());
        inventory = new PostgresInventory(inventoryStatements.dataSource());
        inventory.restock(DUNE, 10);
        inventory.restock(EMMA, 1);
    }

    @Test
    void loading_a_stream_with_no_events_from_its_start_is_one_statement() {
        StreamId stream = OrderService.stream(new OrderId(UUID.randomUUID()));
        statements.take();

        EventStream loaded = store.load(stream, 0, Long.MAX_VALUE);

        assertThat(loaded.version()).isZero();
        assertThat(loaded.events()).isEmpty();
        // prepared statements only: a wake-up of an earlier test's append is a plain statement on the store's thread
        assertThat(statements.takeSql())
                .as("statements prepared")
                .filteredOn(sql -> !sql.isEmpty())
                .hasSize(1);
    }

    @Test
    void loading_past_the_end_of_a_stream_still_answers_its_version() {
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId stream = OrderService.stream(order);
        store.append(stream, 0, Samples.newEvents(order, 2), null);

        assertThat(store.load(stream, 2, Long.MAX_VALUE).version()).isEqualTo(2);
        assertThat(store.load(stream, 5, Long.MAX_VALUE).version()).isEqualTo(2);
        assertThat(store.load(stream, 0, Long.MAX_VALUE).events()).hasSize(2);
        assertThat(store.load(OrderService.stream(new OrderId(UUID.randomUUID())), 3, Long.MAX_VALUE)
                        .version())
                .isZero();
    }

    @Test
    void a_reservation_of_two_books_is_one_statement_so_the_stock_stays_locked_only_while_it_runs() {
        inventoryStatements.take();

        var answer = inventory.reserve(new OrderId(UUID.randomUUID()), List.of(line(DUNE, 2), line(EMMA, 1)));

        assertThat(answer).isEqualTo(new Inventory.Answer.Reserved());
        // the order's lock, its reservation's state, the stock locked and checked, the reservation and its two lines,
        // all in basket.reserve: no round trip to the server while a popular book's stock row is locked (ADR 0044)
        assertThat(inventoryStatements.take()).as("statements sent").isEqualTo(1);
        assertThat(inventory.available(DUNE)).isEqualTo(8);
        assertThat(inventory.available(EMMA)).isZero();
    }

    @Test
    void a_reservation_commits_without_waiting_for_the_disk_and_leaves_its_connection_waiting_as_before()
            throws SQLException {
        // ADR 0061: the stock rows are unlocked at the reservation's commit, not a WAL flush later; the setting is the
        // reservation's own transaction's, so the appends that follow on a pooled connection still wait for the disk
        BookId book = new BookId(UUID.randomUUID());
        inventory.restock(book, 10);
        try (Connection c = pg.db().connect()) {
            c.setAutoCommit(false);
            reserveOn(c, book);
            assertThat(setting(c)).as("in the reservation's transaction").isEqualTo("off");
            c.commit();
            assertThat(setting(c)).as("after it").isEqualTo("on");
            c.setAutoCommit(true);
            reserveOn(c, book);
            assertThat(setting(c))
                    .as("after a reservation in autocommit, as the adapter runs it")
                    .isEqualTo("on");
        }
        inventoryStatements.take();
        inventoryStatements.takeSql();
        inventory.reserve(new OrderId(UUID.randomUUID()), List.of(line(book, 1)));
        assertThat(inventoryStatements.takeSql())
                .filteredOn(sql -> !sql.isEmpty())
                .containsExactly(PostgresInventory.RESERVE);
    }

    private static void reserveOn(Connection c, BookId book) throws SQLException {
        try (var ps = c.prepareStatement(PostgresInventory.RESERVE)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setArray(2, c.createArrayOf("uuid", new UUID[] {book.value()}));
            ps.setArray(3, c.createArrayOf("int4", new Integer[] {1}));
            ps.setInt(4, ReservationRows.LOCK_CLASS);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("reserved");
            }
        }
    }

    private static String setting(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
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
