package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.ConflictPersisted;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's OrderService over the PostgreSQL stores, under racing commands. */
class OrderRacesIT {
    static final int RACES = 1_000;

    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static OrderService orders;

    @BeforeAll
    static void start() {
        orders = new OrderService(PostgresTestDatabase.storesOf(pg.adapters()));
    }

    static OrderId placeConfirmed() {
        var placed = orders.place(Caller.buyer(Samples.BUYER), null, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        assertThat(placed).isInstanceOf(Outcome.Done.class);
        var order = new OrderId(((Outcome.Done<OrderRejection>) placed).stream().id());
        assertThat(orders.confirm(Caller.system("checkout"), order).isDone()).isTrue();
        return order;
    }

    /** 1,000 cancel-versus-complete races on shipped orders: one terminal event each, the loser refused or told. */
    @Test
    void cancelVersusCompleteEndsWithExactlyOneTerminalEvent() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            var shipped = new ArrayList<Future<OrderId>>();
            for (int i = 0; i < RACES; i++) {
                shipped.add(pool.submit(() -> {
                    OrderId order = placeConfirmed();
                    assertThat(orders.shipAll(Caller.admin("admin-1"), order).isDone())
                            .isTrue();
                    return order;
                }));
            }
            var races = new ArrayList<Future<Object>>();
            for (Future<OrderId> ready : shipped) {
                OrderId order = ready.get();
                var barrier = new CyclicBarrier(2);
                races.add(pool.submit(() ->
                        race(barrier, () -> orders.cancel(Caller.buyer(Samples.BUYER), null, order))));
                races.add(pool.submit(() ->
                        race(barrier, () -> orders.complete(Caller.buyer(Samples.BUYER), null, order))));
            }
            var outcomes = new ArrayList<Object>();
            for (Future<Object> race : races) {
                outcomes.add(race.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes)
                    .allSatisfy(outcome -> assertThat(outcome)
                            .isInstanceOfAny(Outcome.Done.class, Outcome.Refused.class, ConflictPersisted.class));
            for (Future<OrderId> ready : shipped) {
                List<?> events = pg.adapters()
                        .eventStore()
                        .load(OrderService.stream(ready.get()))
                        .domainEvents();
                long terminal = events.stream()
                        .filter(e -> e instanceof OrderEvent.OrderCompleted || e instanceof OrderEvent.OrderCancelled)
                        .count();
                assertThat(terminal).as("terminal events of " + ready.get()).isEqualTo(1);
            }
            long done = outcomes.stream().filter(o -> o instanceof Outcome.Done).count();
            assertThat(done).isEqualTo(RACES);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Both cancels can be decided on a placed order; the store lets exactly one of them write. */
    @Test
    void twoCancelsOfAPlacedOrderWriteOneCancellation() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 100; i++) {
                OrderId order = placeConfirmed();
                var barrier = new CyclicBarrier(2);
                var first =
                        pool.submit(() -> race(barrier, () -> orders.cancel(Caller.buyer(Samples.BUYER), null, order)));
                var second =
                        pool.submit(() -> race(barrier, () -> orders.cancel(Caller.admin("admin-1"), null, order)));
                List<Object> outcomes = List.of(first.get(), second.get());
                assertThat(outcomes).filteredOn(o -> o instanceof Outcome.Done).hasSize(1);
                assertThat(outcomes)
                        .allSatisfy(o -> assertThat(o)
                                .isInstanceOfAny(Outcome.Done.class, Outcome.Refused.class, ConflictPersisted.class));
                assertThat(pg.adapters()
                                .eventStore()
                                .load(OrderService.stream(order))
                                .domainEvents())
                        .filteredOn(e -> e instanceof OrderEvent.OrderCancelled)
                        .hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRequestIdRetriedAfterSuccessPlacesOneOrder() {
        String requestId = "place-" + java.util.UUID.randomUUID();
        var first =
                orders.place(Caller.buyer(Samples.BUYER), requestId, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        var again =
                orders.place(Caller.buyer(Samples.BUYER), requestId, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        assertThat(again).isEqualTo(first);
        var stream = ((Outcome.Done<OrderRejection>) first).stream();
        assertThat(pg.adapters().eventStore().load(stream).events()).hasSize(1);
    }

    /** 64 concurrent places with one request id: one order, and every caller is told about that same order. */
    @Test
    void concurrentRetriesOfOneRequestIdPlaceExactlyOneOrder() throws Exception {
        String requestId = "place-" + java.util.UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            var answers = new ArrayList<Future<Outcome<OrderRejection>>>();
            for (int i = 0; i < 64; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return orders.place(
                            Caller.buyer(Samples.BUYER), requestId, Samples.buyer(), Samples.ADDRESS, Samples.lines());
                }));
            }
            start.countDown();
            var outcomes = new java.util.HashSet<Outcome<OrderRejection>>();
            for (Future<Outcome<OrderRejection>> answer : answers) {
                outcomes.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).singleElement().isInstanceOf(Outcome.Done.class);
            var stream = ((Outcome.Done<OrderRejection>) outcomes.iterator().next()).stream();
            assertThat(pg.adapters().eventStore().load(stream).events()).hasSize(1);
            long placedWithKey = EventLogEssentialsIT.countIn(
                    pg.db(),
                    "SELECT count(*) FROM eventstore.events WHERE metadata->>'requestId' = '" + requestId + "'");
            assertThat(placedWithKey).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object race(CyclicBarrier barrier, java.util.function.Supplier<Outcome<OrderRejection>> command)
            throws Exception {
        barrier.await(30, TimeUnit.SECONDS);
        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        try {
            return command.get();
        } catch (ConflictPersisted persisted) {
            return persisted;
        }
    }
}
