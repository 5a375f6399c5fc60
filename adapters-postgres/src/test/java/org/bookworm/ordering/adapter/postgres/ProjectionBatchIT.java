package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.BuyerProjector;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderProjector;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A live projection's batch on PostgreSQL (ADR 0046): the views of the batch's orders (or buyers) are read in one
 * statement when it starts and the changed ones written in one statement before its checkpoint commits, with no
 * savepoint per event; a failed attempt is undone in memory, so a held lane leaves no effect. Counted with
 * {@link StatementCounter} on the pool the views, the checkpoints, the held lanes and the unit of work share.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ProjectionBatchIT {
    @RegisterExtension
    final PostgresTestDatabase pg = PostgresTestDatabase.withoutGroupCommit();

    private StatementCounter statements;
    private PostgresOrderViews orderViews;
    private PostgresBuyerViews buyerViews;
    private PostgresDeadLetters deadLetters;
    private PostgresUnitOfWork unit;
    private PostgresCheckpoints checkpoints;

    /** A database of its own per test: each test's subscriptions read the whole log, and only its own events. */
    @BeforeEach
    void start() {
        statements = new StatementCounter(pg.adapters().dataSource());
        orderViews = new PostgresOrderViews(
                statements.dataSource(), pg.adapters().codec().mapper(), ViewTable.ORDERS_LIVE);
        buyerViews = new PostgresBuyerViews(
                statements.dataSource(), pg.adapters().codec().mapper(), ViewTable.BUYERS_LIVE);
        deadLetters =
                new PostgresDeadLetters(statements.dataSource(), pg.adapters().codec());
        unit = new PostgresUnitOfWork(statements.dataSource());
        checkpoints = new PostgresCheckpoints(statements.dataSource());
    }

    @Test
    void a_batch_of_orders_reads_their_views_in_one_statement_and_writes_them_in_one_without_a_savepoint() {
        // each order's second event comes in a batch after its first, so the view it finds is stored
        var orders = placed(4);
        var projection = subscription("order-views-counted", new OrderProjector(orderViews));
        pumpUntil(projection, orders.size());
        orders.forEach(order -> append(order, 1, Samples.confirmed(order, Samples.AT)));
        statements.take();
        statements.takeSql();
        statements.takeSavepoints();

        int read = pumpCounted(projection, orders.size(), "order_views");

        assertThat(read).isEqualTo(orders.size());
        orders.forEach(order -> assertThat(
                        pg.adapters().orderViews().find(order).orElseThrow().version())
                .as("order %s", order)
                .isEqualTo(2));
    }

    @Test
    void a_batch_of_buyers_reads_their_views_in_one_statement_and_writes_them_in_one_without_a_savepoint() {
        var buyers = new ArrayList<BuyerId>();
        for (int i = 0; i < 3; i++) {
            var buyer = new BuyerId(UUID.randomUUID());
            buyers.add(buyer);
            pg.adapters()
                    .eventStore()
                    .append(
                            BuyerService.stream(buyer),
                            0,
                            List.of(
                                    Samples.newEvent(new BuyerEvent.BuyerCreated(
                                            buyer,
                                            new PersonName("Ada"),
                                            new EmailAddress("ada@example.org"),
                                            Samples.ADDRESS,
                                            Samples.AT)),
                                    Samples.newEvent(new BuyerEvent.BuyerAddressUpdated(
                                            buyer, Samples.ADDRESS, Samples.AT.plusSeconds(1)))));
        }
        var projection = subscription("buyer-views-counted", new BuyerProjector(buyerViews));
        // another database's transaction, older than these appends, holds the log's horizon (it is the cluster's): the
        // page would bring some of them only, so the one pass is made once the horizon has passed them all
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> EventLogEssentialsIT.countIn(
                                pg.db(),
                                "SELECT count(*) FROM eventstore.events"
                                        + " WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot())")
                        == 0);
        statements.take();
        statements.takeSql();
        statements.takeSavepoints();

        int read = pumpCounted(projection, 2 * buyers.size(), "buyer_views");

        assertThat(read).isEqualTo(2 * buyers.size());
        buyers.forEach(buyer -> assertThat(
                        pg.adapters().buyerViews().find(buyer).orElseThrow().version())
                .as("buyer %s", buyer)
                .isEqualTo(2));
    }

    @Test
    void an_event_that_fails_after_saving_its_view_holds_its_lane_and_leaves_its_view_as_it_was() {
        var orders = placed(3);
        OrderId failing = orders.get(1);
        var projector = new OrderProjector(orderViews);
        var projection = subscription("order-views-failing", projector);
        pumpUntil(projection, orders.size());
        orders.forEach(order -> append(order, 1, Samples.confirmed(order, Samples.AT)));
        append(failing, 2, Samples.confirmed(failing, Samples.AT.plusSeconds(1)));
        // the projector saves the failing event's view, then the attempt fails: the save must not show
        EventHandler.Decorator failAfterSaving = (name, handler) -> event -> {
            handler.handle(event);
            if (event.stream().id().equals(failing.value()) && event.version() == 2) {
                throw new IllegalStateException("fails after saving");
            }
        };
        var failingProjection = subscription("order-views-failing", failAfterSaving.around("failing", projector));

        pumpUntil(failingProjection, orders.size() + 1);

        assertThat(pg.adapters().orderViews().find(failing).orElseThrow().version())
                .as("the held lane's view")
                .isEqualTo(1);
        orders.stream()
                .filter(Predicate.not(failing::equals))
                .forEach(order -> assertThat(pg.adapters()
                                .orderViews()
                                .find(order)
                                .orElseThrow()
                                .version())
                        .as("order %s", order)
                        .isEqualTo(2));
        assertThat(pg.adapters().deadLetters().list("order-views-failing"))
                .extracting(letter -> letter.event().version())
                .containsExactly(2L, 3L);
    }

    @Test
    void a_view_the_batch_cannot_write_holds_only_its_own_lane_and_the_projection_goes_on() throws Exception {
        var orders = placed(3);
        OrderId refused = orders.get(1);
        // the table refuses one order's view, as a constraint that the view breaks would: not a passing failure
        try (var c = pg.db().connect();
                var st = c.createStatement()) {
            st.execute("CREATE FUNCTION public.refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.order_id = '" + refused.value() + "' THEN"
                    + " RAISE EXCEPTION 'this view is refused' USING ERRCODE = 'check_violation'; END IF;"
                    + " RETURN NEW; END $$");
            st.execute("CREATE TRIGGER refuse_one BEFORE INSERT OR UPDATE ON ordering.order_views"
                    + " FOR EACH ROW EXECUTE FUNCTION public.refuse_one()");
        }
        var projection = subscription("order-views-refused", new OrderProjector(orderViews));

        // the batch's one write fails, and the batch with it; the next batch writes each attempt's views on its own
        int[] read = {0};
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    try {
                        read[0] += projection.pump();
                    } catch (RuntimeException batchFailed) {
                        // the batch whose one write was refused: nothing of it committed
                    }
                    return read[0] >= orders.size();
                });

        orders.stream()
                .filter(Predicate.not(refused::equals))
                .forEach(order -> assertThat(pg.adapters().orderViews().find(order))
                        .as("order %s", order)
                        .isPresent());
        assertThat(pg.adapters().orderViews().find(refused))
                .as("the refused view")
                .isEmpty();
        assertThat(pg.adapters().deadLetters().list("order-views-refused"))
                .extracting(letter -> letter.event().stream().id())
                .containsExactly(refused.value());
    }

    @Test
    void a_handler_that_writes_rows_itself_has_a_failed_attempts_rows_rolled_back_by_a_savepoint() throws Exception {
        try (var c = pg.db().connect();
                var st = c.createStatement()) {
            st.execute("CREATE TABLE public.effects (order_id uuid PRIMARY KEY)");
        }
        var orders = placed(3);
        OrderId failing = orders.get(1);
        EventHandler writesItsOwnRow = event -> {
            Jdbc.withConnection(
                    statements.dataSource(),
                    "write an effect",
                    c -> Jdbc.update(
                            c,
                            "INSERT INTO public.effects VALUES (?)",
                            ps -> ps.setObject(1, event.stream().id())));
            if (event.stream().id().equals(failing.value())) {
                throw new IllegalStateException("fails after writing its row");
            }
        };
        statements.takeSavepoints();

        pumpUntil(subscription("effects", writesItsOwnRow), orders.size());

        assertThat(EventLogEssentialsIT.countIn(pg.db(), "SELECT count(*) FROM public.effects"))
                .as("the failing event's row is rolled back, the others' stay")
                .isEqualTo(orders.size() - 1);
        assertThat(statements.takeSavepoints())
                .as("savepoints, for the attempts that wrote")
                .isPositive();
    }

    /** Pumps once and checks the batch's statements on {@code table}: one read, one write, no savepoint. */
    private int pumpCounted(Subscription projection, int expected, String table) {
        int read = 0;
        // another database's open transaction may hold the log's reader back: pump until the batch comes
        while (read == 0) {
            read = projection.pump();
            List<String> sql = statements.takeSql();
            int savepoints = statements.takeSavepoints();
            if (read > 0) {
                assertThat(sql.stream().filter(text -> text.startsWith("SELECT") && text.contains(table)))
                        .as("reads of %s in %s", table, sql)
                        .hasSize(1);
                assertThat(sql.stream().filter(text -> text.startsWith("INSERT") && text.contains(table)))
                        .as("writes of %s in %s", table, sql)
                        .hasSize(1);
                assertThat(savepoints).as("savepoints").isZero();
            }
        }
        assertThat(read).isLessThanOrEqualTo(expected);
        return read;
    }

    private void pumpUntil(Subscription projection, int events) {
        int[] read = {0};
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> (read[0] += projection.pump()) >= events);
    }

    private Subscription subscription(String name, EventHandler projector) {
        return new Subscription(
                name,
                pg.adapters().eventLog(),
                checkpoints,
                deadLetters,
                projector,
                100,
                1,
                Subscription.Retries.on(InstantSource.system()),
                unit);
    }

    /** {@code count} new orders, each placed (version 1). */
    private List<OrderId> placed(int count) {
        var orders = new ArrayList<OrderId>();
        for (int i = 0; i < count; i++) {
            var order = new OrderId(UUID.randomUUID());
            orders.add(order);
            append(order, 0, Samples.placed(order));
        }
        return orders;
    }

    private void append(OrderId order, long version, org.bookworm.ordering.core.ordering.OrderEvent event) {
        List<NewEvent> events = List.of(Samples.newEvent(event));
        pg.adapters().eventStore().append(OrderService.stream(order), version, events);
    }
}
