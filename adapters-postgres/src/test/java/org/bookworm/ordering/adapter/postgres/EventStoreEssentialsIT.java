package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event store's essentials on a real PostgreSQL, with group commit on (the default wiring). */
class EventStoreEssentialsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static EventStore store;

    @BeforeAll
    static void start() {
        store = pg.adapters().eventStore();
    }

    static OrderId newOrder() {
        return new OrderId(UUID.randomUUID());
    }

    static StreamId streamOf(OrderId order) {
        return StreamId.of(OrderService.STREAM, order.value());
    }

    @Test
    void anUnknownStreamIsEmptyAtVersionZero() {
        EventStream stream = store.load(streamOf(newOrder()));
        assertThat(stream.version()).isZero();
        assertThat(stream.events()).isEmpty();
    }

    @Test
    void appendsAreReadBackInVersionOrderWithTheirMetadata() {
        OrderId order = newOrder();
        List<NewEvent> events = Samples.newEvents(order, 3);
        assertThat(store.append(streamOf(order), 0, events)).isEqualTo(3);
        EventStream stream = store.load(streamOf(order));
        assertThat(stream.version()).isEqualTo(3);
        assertThat(stream.events()).extracting(e -> e.version()).containsExactly(1L, 2L, 3L);
        assertThat(stream.events()).extracting(e -> e.eventId()).containsExactlyElementsOf(ids(events));
        assertThat(stream.domainEvents())
                .containsExactlyElementsOf(events.stream().map(NewEvent::event).toList());
        assertThat(stream.events().get(0).metadata()).isEqualTo(events.get(0).metadata());
        assertThat(stream.events().get(0).position().position())
                .isLessThan(stream.events().get(2).position().position());
        assertThat(store.load(streamOf(order), 1, 2).events())
                .extracting(e -> e.version())
                .containsExactly(2L);
        assertThat(store.load(streamOf(order), 3, 10).version()).isEqualTo(3);
    }

    @Test
    void aStaleOrFutureExpectedVersionConflictsAndWritesNothing() {
        OrderId order = newOrder();
        store.append(streamOf(order), 0, Samples.newEvents(order, 2));
        assertThatThrownBy(() -> store.append(streamOf(order), 1, confirmations(order, 1)))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> store.append(streamOf(order), 5, confirmations(order, 1)))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> store.append(streamOf(order), 0, Samples.newEvents(order, 1)))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(store.load(streamOf(order)).version()).isEqualTo(2);
    }

    @Test
    void theSameEventIdsSentAgainAreAnsweredAsTheFirstAppendWithoutDuplicates() {
        OrderId order = newOrder();
        List<NewEvent> events = Samples.newEvents(order, 2);
        assertThat(store.append(streamOf(order), 0, events)).isEqualTo(2);
        for (int retry = 0; retry < 3; retry++) {
            assertThat(store.append(streamOf(order), 0, events)).isEqualTo(2);
        }
        assertThat(store.append(streamOf(order), 2, confirmations(order, 1))).isEqualTo(3);
        assertThat(store.append(streamOf(order), 0, events)).isEqualTo(2);
        assertThat(store.load(streamOf(order)).events()).hasSize(3);
    }

    @Test
    void eventIdsStoredElsewhereAreABugAndNothingIsWritten() {
        OrderId order = newOrder();
        List<NewEvent> events = Samples.newEvents(order, 2);
        store.append(streamOf(order), 0, events);
        OrderId other = newOrder();
        assertThatThrownBy(() -> store.append(streamOf(other), 0, events)).isInstanceOf(IllegalStateException.class);
        var mixed = List.of(Samples.newEvent(Samples.placed(other)), events.get(1));
        assertThatThrownBy(() -> store.append(streamOf(other), 0, mixed)).isInstanceOf(IllegalStateException.class);
        assertThat(store.load(streamOf(other)).events()).isEmpty();
    }

    @Test
    void anEmptyAppendAnswersTheCurrentVersionOrConflicts() {
        OrderId order = newOrder();
        assertThat(store.append(streamOf(order), 0, List.of())).isZero();
        store.append(streamOf(order), 0, Samples.newEvents(order, 1));
        assertThat(store.append(streamOf(order), 1, List.of())).isEqualTo(1);
        assertThatThrownBy(() -> store.append(streamOf(order), 0, List.of())).isInstanceOf(ConcurrencyConflict.class);
    }

    @Test
    void anIdempotencyKeyIsStoredWithTheAppendAndRefusedToAnotherRequest() {
        OrderId order = newOrder();
        String key = "req-" + UUID.randomUUID();
        var record = IdempotencyRecord.done("buyer-1", key, "hash-a", Samples.KEY_STREAM, 1, Instant.now());
        List<NewEvent> events = Samples.newEvents(order, 1);
        assertThat(store.append(streamOf(order), 0, events, record)).isEqualTo(1);
        assertThat(pg.adapters().idempotencyKeys().find("buyer-1", key)).get().satisfies(found -> {
            assertThat(found.requestHash()).isEqualTo("hash-a");
            assertThat(found.answer()).isEqualTo(new IdempotencyRecord.Answer.Done(Samples.KEY_STREAM, 1));
        });
        // Our own append retried after an unknown outcome is answered as before.
        assertThat(store.append(streamOf(order), 0, events, record)).isEqualTo(1);
        OrderId other = newOrder();
        assertThatThrownBy(() -> store.append(streamOf(other), 0, Samples.newEvents(other, 1), record))
                .isInstanceOf(IdempotencyKeyTaken.class);
        assertThat(store.load(streamOf(other)).events()).isEmpty();
        assertThat(pg.adapters().idempotencyKeys().find("buyer-2", key)).isEmpty();
        assertThat(pg.adapters().idempotencyKeys().purgeOlderThan(Instant.now().plusSeconds(60)))
                .isGreaterThanOrEqualTo(1);
        assertThat(pg.adapters().idempotencyKeys().find("buyer-1", key)).isEmpty();
    }

    @Test
    void aConflictRollsBackTheIdempotencyKeyToo() {
        OrderId order = newOrder();
        store.append(streamOf(order), 0, Samples.newEvents(order, 1));
        String key = "req-" + UUID.randomUUID();
        var record = IdempotencyRecord.done("buyer-1", key, "h", Samples.KEY_STREAM, 1, Instant.now());
        assertThatThrownBy(() -> store.append(streamOf(order), 0, confirmations(order, 1), record))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(pg.adapters().idempotencyKeys().find("buyer-1", key)).isEmpty();
    }

    @Test
    void loadAsOfAnInstantGivesThePrefixRecordedUpToThen() throws InterruptedException {
        OrderId order = newOrder();
        store.append(streamOf(order), 0, Samples.newEvents(order, 1));
        Instant between = store.load(streamOf(order)).events().get(0).recordedAt();
        Thread.sleep(20);
        store.append(streamOf(order), 1, confirmations(order, 1));
        assertThat(store.loadAsOf(streamOf(order), between).version()).isEqualTo(1);
        assertThat(store.loadAsOf(streamOf(order), Instant.now().plusSeconds(5)).version())
                .isEqualTo(2);
        assertThat(store.loadAsOf(streamOf(order), between.minusSeconds(60)).events())
                .isEmpty();
    }

    @Test
    void racingAppendsAtOneVersionHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < 20; round++) {
            OrderId order = newOrder();
            store.append(streamOf(order), 0, Samples.newEvents(order, 1));
            int writers = 8;
            var start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                var answers = new ArrayList<Future<Object>>();
                for (int i = 0; i < writers; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        try {
                            return store.append(streamOf(order), 1, confirmations(order, 1));
                        } catch (ConcurrencyConflict conflict) {
                            return conflict;
                        }
                    }));
                }
                start.countDown();
                var results = new ArrayList<Object>();
                for (Future<Object> answer : answers) {
                    results.add(answer.get());
                }
                assertThat(results).filteredOn(r -> r.equals(2L)).hasSize(1);
                assertThat(results)
                        .filteredOn(r -> r instanceof ConcurrencyConflict)
                        .hasSize(writers - 1);
                assertThat(store.load(streamOf(order)).version()).isEqualTo(2);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRequestedSagaStepCommitsItsDeadlineWithTheEventAndAConflictCommitsNeither() {
        var order = newOrder();
        var checkout = StreamId.of(CheckoutSagaService.STREAM, order.value());
        Instant due = Instant.parse("2026-11-24T10:16:00.123456789Z");
        store.append(
                checkout,
                0,
                List.of(Samples.newEvent(new CheckoutEvent.CheckoutRequested(
                        order, Samples.BUYER, PaymentMethod.APPROVE, due.minusSeconds(30), Samples.AT))));
        var request = Samples.newEvent(new CheckoutEvent.ReservationRequested(
                order, 1, 1, List.of(new LineQuantity(Samples.BOOK, Quantity.of(1))), due, Samples.AT));
        assertThatThrownBy(() -> store.append(checkout, 0, List.of(request))).isInstanceOf(ConcurrencyConflict.class);
        assertThat(pg.adapters().sagaDeadlines().pending())
                .filteredOn(d -> d.order().equals(order))
                .containsExactly(new SagaDeadlines.Deadline(order, 0, due.minusSeconds(30)));
        store.append(checkout, 1, List.of(request));
        assertThat(pg.adapters().sagaDeadlines().pending())
                .filteredOn(d -> d.order().equals(order))
                .containsExactly(
                        new SagaDeadlines.Deadline(order, 0, due.minusSeconds(30)),
                        new SagaDeadlines.Deadline(order, 1, due));
    }

    @Test
    void storedEventsCannotBeChanged() throws SQLException {
        OrderId order = newOrder();
        store.append(streamOf(order), 0, Samples.newEvents(order, 1));
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE eventstore.events SET version = version"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("DELETE FROM eventstore.events"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> st.executeUpdate("TRUNCATE eventstore.events"))
                    .hasMessageContaining("append-only");
        }
        assertThat(store.load(streamOf(order)).version()).isEqualTo(1);
    }

    @Test
    void durabilitySettingsAreOn() throws SQLException {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    static List<NewEvent> confirmations(OrderId order, int count) {
        var events = new ArrayList<NewEvent>();
        for (int i = 0; i < count; i++) {
            events.add(Samples.newEvent(Samples.confirmed(order, Samples.AT)));
        }
        return events;
    }

    static List<UUID> ids(List<NewEvent> events) {
        return events.stream().map(NewEvent::eventId).toList();
    }
}
