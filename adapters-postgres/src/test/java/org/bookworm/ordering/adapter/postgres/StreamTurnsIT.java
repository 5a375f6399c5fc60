package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A writer refused on a stream keeps its place (ADR 0038): the writer that just won waits for the loser's retry
 * instead of winning again at once, for as long as the turn is held, and goes ahead once it ran out.
 */
class StreamTurnsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    @Test
    void theWriterThatLostGoesBeforeTheWriterThatWonAppendsAgain() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId stream = EventStoreEssentialsIT.streamOf(order);
        List<NewEvent> events = Samples.newEvents(order, 3);
        ExecutorService winner = Executors.newSingleThreadExecutor();
        ExecutorService loser = Executors.newSingleThreadExecutor();
        try (var store =
                new PostgresEventStore(pg.adapters().dataSource(), pg.adapters().codec(), 2, Duration.ofSeconds(30))) {
            assertThat(winner.submit(() -> store.append(stream, 0, events.subList(0, 1)))
                            .get())
                    .isEqualTo(1L);
            assertThat(loser.submit(() -> attempt(store, stream, 0, events.subList(1, 2)))
                            .get())
                    .isInstanceOf(ConcurrencyConflict.class);

            CompletableFuture<Object> again =
                    CompletableFuture.supplyAsync(() -> attempt(store, stream, 1, events.subList(2, 3)), winner);
            assertThatThrownBy(() -> again.get(300, TimeUnit.MILLISECONDS))
                    .as("the winner waits while the loser holds its turn")
                    .isInstanceOf(TimeoutException.class);
            assertThat(loser.submit(() -> attempt(store, stream, 1, events.subList(1, 2)))
                            .get())
                    .as("the loser's retry, from the events its conflict carried")
                    .isEqualTo(2L);
            assertThat(again.get(10, TimeUnit.SECONDS))
                    .as("the winner went after it, with a version the loser's append made stale")
                    .isInstanceOf(ConcurrencyConflict.class);
        } finally {
            winner.shutdownNow();
            loser.shutdownNow();
        }
    }

    @Test
    void aTurnThatIsNotTakenRunsOutAndTheOthersGoAhead() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId stream = EventStoreEssentialsIT.streamOf(order);
        List<NewEvent> events = Samples.newEvents(order, 2);
        ExecutorService loser = Executors.newSingleThreadExecutor();
        try (var store =
                new PostgresEventStore(pg.adapters().dataSource(), pg.adapters().codec(), 2, Duration.ofMillis(200))) {
            store.append(stream, 0, events.subList(0, 1));
            assertThat(loser.submit(() -> attempt(store, stream, 0, events.subList(1, 2)))
                            .get())
                    .isInstanceOf(ConcurrencyConflict.class);
            long started = System.nanoTime();
            assertThat(store.append(stream, 1, events.subList(1, 2)))
                    .as("the loser never came back: after its hold, this writer appends")
                    .isEqualTo(2L);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(Duration.ofMillis(150), Duration.ofSeconds(10));
        } finally {
            loser.shutdownNow();
        }
    }

    private static Object attempt(PostgresEventStore store, StreamId stream, long expected, List<NewEvent> events) {
        try {
            return store.append(stream, expected, events);
        } catch (ConcurrencyConflict conflict) {
            return conflict;
        }
    }
}
