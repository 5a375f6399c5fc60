package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.someEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link EventLog}: the global log read after a position, resumable, every committed event exactly
 * once, per-stream order kept. The fixture's store and log read and write the same, fresh, empty backend.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class EventLogContract {

    /** A store to write with and the log that reads what it wrote. */
    public record Fixture(EventStore events, EventLog log) {}

    /** A fresh, empty backend; creating or truncating it is the implementation's job. */
    protected abstract Fixture emptyLog();

    private static final EventFilter PLACED = EventFilter.events(OrderPlaced.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private EventStore store;
    private EventLog log;

    @BeforeEach
    final void createLog() {
        Fixture fixture = emptyLog();
        store = fixture.events();
        log = fixture.log();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void an_empty_log_reads_nothing() {
        assertThat(log.readAfter(LogPosition.START, 100)).as(implementation()).isEmpty();
    }

    @Test
    void reading_from_the_start_returns_every_event_in_order_with_increasing_positions() {
        StreamId first = orderStream();
        StreamId second = orderStream();
        List<NewEvent> written = new ArrayList<>();
        written.addAll(append(first, 0, 2));
        written.addAll(append(second, 0, 3));
        written.addAll(append(first, 2, 1));

        // a shared server's open transaction may hold the last append back for a moment: read until all are there
        List<RecordedEvent> read =
                readAll(LogPosition.START, 100, EventFilter.ALL, 6).events();

        assertThat(read)
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactlyElementsOf(ids(written));
        assertIncreasing(read);
        assertThat(read.get(5).stream()).as(implementation()).isEqualTo(first);
        assertThat(read.get(5).version()).as(implementation()).isEqualTo(3);
        assertThat(read.get(5).event())
                .as(implementation())
                .isEqualTo(written.get(5).event());
        assertThat(read.get(5).metadata())
                .as(implementation())
                .isEqualTo(written.get(5).metadata());
    }

    @Test
    void each_event_is_read_with_its_own_metadata_when_neighbours_share_it_or_not() {
        StreamId stream = orderStream();
        List<DomainEvent> events = someEvents(5).stream().map(NewEvent::event).toList();
        List<Metadata> metadata = List.of(
                ContractFixtures.metadata(),
                ContractFixtures.metadata(),
                ContractFixtures.sparseMetadata(),
                ContractFixtures.metadata(),
                ContractFixtures.sparseMetadata());
        var written = new ArrayList<NewEvent>();
        for (int i = 0; i < events.size(); i++) {
            written.add(new NewEvent(UUID.randomUUID(), events.get(i), metadata.get(i)));
        }
        store.append(stream, 0, written);

        List<RecordedEvent> read =
                readAll(LogPosition.START, 100, EventFilter.ALL, 5).events();

        assertThat(read)
                .extracting(RecordedEvent::metadata)
                .as(implementation())
                .containsExactlyElementsOf(metadata);
    }

    @Test
    void resuming_after_the_last_position_read_returns_only_newer_events() {
        StreamId stream = orderStream();
        append(stream, 0, 3);
        LogPosition last = readAll(LogPosition.START, 100, EventFilter.ALL, 3).end();

        assertThat(log.readAfter(last, 100))
                .as(implementation() + ": nothing new yet")
                .isEmpty();
        List<NewEvent> later = new ArrayList<>(append(stream, 3, 2));
        later.addAll(append(orderStream(), 0, 1));

        List<RecordedEvent> secondRead = readAll(last, 100, EventFilter.ALL, 3).events();
        assertThat(secondRead)
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactlyElementsOf(ids(later));
        assertThat(secondRead.get(0).position()).as(implementation()).isGreaterThan(last);
    }

    @Test
    void a_read_returns_at_most_the_limit_and_the_rest_follows() {
        List<NewEvent> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            written.addAll(append(orderStream(), 0, 2));
        }

        var read = new ArrayList<RecordedEvent>();
        LogPosition position = LogPosition.START;
        int reads = 0;
        List<RecordedEvent> batch;
        while (!(batch = log.readAfter(position, 3)).isEmpty()) {
            assertThat(batch).as(implementation() + ": a batch of limit 3").hasSizeLessThanOrEqualTo(3);
            read.addAll(batch);
            position = batch.get(batch.size() - 1).position();
            reads++;
        }

        // "up to" the limit: a log may return less, but ten events never fit in fewer than four batches of three
        assertThat(reads)
                .as(implementation() + ": 10 events in batches of at most 3")
                .isGreaterThanOrEqualTo(4);
        assertThat(read)
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactlyElementsOf(ids(written));
        assertThat(log.readAfter(LogPosition.START, 1)).as(implementation()).hasSize(1);
    }

    @Test
    void versions_of_each_stream_ascend_in_log_order() {
        List<StreamId> streams = List.of(orderStream(), orderStream(), orderStream());
        var versions = new HashMap<StreamId, Long>();
        for (int round = 0; round < 4; round++) {
            for (StreamId stream : streams) {
                long version = versions.getOrDefault(stream, 0L);
                append(stream, version, 1 + round % 2);
                versions.put(stream, version + 1 + round % 2);
            }
        }

        var lastSeen = new HashMap<StreamId, Long>();
        for (RecordedEvent event :
                readAll(LogPosition.START, 1000, EventFilter.ALL, 18).events()) {
            long previous = lastSeen.getOrDefault(event.stream(), 0L);
            assertThat(event.version())
                    .as(implementation() + ": " + event.stream() + " after version " + previous)
                    .isEqualTo(previous + 1);
            lastSeen.put(event.stream(), event.version());
        }
        assertThat(lastSeen).as(implementation()).isEqualTo(versions);
    }

    @Test
    void a_reader_following_eight_writers_reads_every_event_exactly_once() throws Exception {
        int writers = 8;
        int appendsEach = 25;
        int expected = writers * appendsEach;
        var reader = CompletableFuture.supplyAsync(() -> follow(expected, Duration.ofSeconds(60)));

        List<Object> results = Racing.race(writers, writer -> {
            StreamId stream = orderStream();
            var mine = new ArrayList<UUID>();
            for (int version = 0; version < appendsEach; version++) {
                List<NewEvent> events = someEvents(1);
                store.append(stream, version, events);
                mine.add(events.get(0).eventId());
            }
            return mine;
        });
        var written = new HashSet<UUID>();
        for (Object result : results) {
            assertThat(result).as(implementation() + ": a writer failed").isInstanceOf(List.class);
            ((List<?>) result).forEach(id -> written.add((UUID) id));
        }

        List<RecordedEvent> followed = reader.get(90, TimeUnit.SECONDS);
        assertThat(followed.stream().map(RecordedEvent::eventId).toList())
                .as(implementation() + ": every committed event once, none twice")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(written);
        Map<StreamId, Long> lastSeen = new HashMap<>();
        for (RecordedEvent event : followed) {
            assertThat(event.version())
                    .as(implementation() + ": per-stream order for the follower")
                    .isEqualTo(lastSeen.getOrDefault(event.stream(), 0L) + 1);
            lastSeen.put(event.stream(), event.version());
        }
    }

    /** Reads like a subscription: small batches, waiting when caught up, until it has {@code expected} events. */
    private List<RecordedEvent> follow(int expected, Duration patience) {
        var read = new ArrayList<RecordedEvent>();
        LogPosition position = LogPosition.START;
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (read.size() < expected && System.nanoTime() < deadline) {
                List<RecordedEvent> batch = log.readAfter(position, 7);
                if (batch.isEmpty()) {
                    log.awaitEvents(position, Duration.ofMillis(100));
                    continue;
                }
                read.addAll(batch);
                position = batch.get(batch.size() - 1).position();
            }
            // anything beyond the expected events would be a duplicate: read once more to catch it
            read.addAll(log.readAfter(position, 1000));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return read;
    }

    @Test
    void await_returns_true_soon_after_another_thread_appends() throws Exception {
        append(orderStream(), 0, 1);
        LogPosition end = readAll(LogPosition.START, 100, EventFilter.ALL, 1).end();
        StreamId stream = orderStream();
        var writer = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            append(stream, 0, 1);
        });

        boolean woke = log.awaitEvents(end, Duration.ofSeconds(30));

        writer.get(30, TimeUnit.SECONDS);
        assertThat(woke).as(implementation()).isTrue();
        assertThat(readAll(end, 100, EventFilter.ALL, 1).events())
                .extracting(RecordedEvent::stream)
                .as(implementation())
                .containsExactly(stream);
    }

    @Test
    void await_returns_true_at_once_when_events_are_already_there() throws InterruptedException {
        append(orderStream(), 0, 1);

        assertThat(log.awaitEvents(LogPosition.START, Duration.ofSeconds(30)))
                .as(implementation())
                .isTrue();
    }

    @Test
    void await_returns_false_after_its_timeout_when_nothing_is_appended() throws InterruptedException {
        append(orderStream(), 0, 2);
        LogPosition end = readAll(LogPosition.START, 100, EventFilter.ALL, 2).end();

        assertThat(log.awaitEvents(end, Duration.ofMillis(200)))
                .as(implementation())
                .isFalse();
    }

    @Test
    void a_filtered_read_returns_only_the_matching_events_in_log_order() {
        StreamId first = orderStream();
        StreamId second = orderStream();
        List<NewEvent> written = new ArrayList<>(append(first, 0, 3));
        written.addAll(append(second, 0, 2));
        written.addAll(append(first, 3, 1));

        List<RecordedEvent> read = readAll(LogPosition.START, 100, PLACED, 3).events();

        assertThat(read)
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactly(
                        written.get(0).eventId(),
                        written.get(3).eventId(),
                        written.get(5).eventId());
        assertThat(read.get(1).event())
                .as(implementation())
                .isEqualTo(written.get(3).event());
        assertThat(read.get(1).stream()).as(implementation()).isEqualTo(second);
    }

    @Test
    void a_filtered_read_whose_last_rows_are_filtered_out_ends_past_them_and_later_events_still_come() {
        List<NewEvent> before = new ArrayList<>(append(orderStream(), 0, 4)); // placed, then three modified
        LogPosition lastOfAll =
                readAll(LogPosition.START, 100, EventFilter.ALL, 4).end();

        EventLog.Page page = readAll(LogPosition.START, 100, PLACED, 1);

        assertThat(page.events())
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactly(before.get(0).eventId());
        assertThat(page.end())
                .as(implementation() + ": the page ends past the modifications it passed over")
                .isEqualTo(lastOfAll);
        assertThat(log.read(page.end(), 100, EventFilter.ALL).events())
                .as(implementation() + ": nothing is left behind the end")
                .isEmpty();
        List<NewEvent> later = append(orderStream(), 0, 2);
        assertThat(readAll(page.end(), 100, PLACED, 1).events())
                .extracting(RecordedEvent::eventId)
                .as(implementation() + ": a later match comes after the end")
                .containsExactly(later.get(0).eventId());
    }

    @Test
    void a_full_filtered_page_ends_at_its_last_event_and_the_rest_follows_in_pages() {
        var placed = new ArrayList<UUID>();
        for (int i = 0; i < 5; i++) {
            placed.add(append(orderStream(), 0, 3).get(0).eventId());
        }

        var read = new ArrayList<RecordedEvent>();
        LogPosition at = LogPosition.START;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (read.size() < placed.size() && System.nanoTime() < deadline) {
            EventLog.Page page = log.read(at, 2, PLACED);
            assertThat(page.events())
                    .as(implementation() + ": a page of limit 2")
                    .hasSizeLessThanOrEqualTo(2);
            if (page.events().size() == 2) {
                assertThat(page.end())
                        .as(implementation() + ": a full page ends at its last event")
                        .isEqualTo(page.events().get(1).position());
            }
            read.addAll(page.events());
            at = page.end();
        }

        assertThat(read).extracting(RecordedEvent::eventId).as(implementation()).containsExactlyElementsOf(placed);
    }

    @Test
    void a_stream_type_filter_takes_every_event_of_those_streams_and_an_event_type_filter_adds_to_it() {
        StreamId order = orderStream();
        StreamId other = StreamId.of(StreamType.of("contractother"), UUID.randomUUID());
        List<NewEvent> ofOrder = append(order, 0, 2);
        List<NewEvent> ofOther = append(other, 0, 3);

        assertThat(readAll(LogPosition.START, 100, EventFilter.streams(other.type()), 3)
                        .events())
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactlyElementsOf(ids(ofOther));
        assertThat(readAll(
                                LogPosition.START,
                                100,
                                EventFilter.streams(other.type()).andEvents(OrderPlaced.class),
                                4)
                        .events())
                .extracting(RecordedEvent::eventId)
                .as(implementation())
                .containsExactly(
                        ofOrder.get(0).eventId(),
                        ofOther.get(0).eventId(),
                        ofOther.get(1).eventId(),
                        ofOther.get(2).eventId());
    }

    @Test
    void a_filtered_subscription_restarted_from_its_checkpoint_handles_each_matching_event_once() {
        var checkpoints = new InMemoryCheckpoints();
        var handled = new ArrayList<UUID>();
        EventHandler handler = EventHandler.of(PLACED, event -> handled.add(event.eventId()));
        var placed = new ArrayList<UUID>();
        for (int i = 0; i < 3; i++) {
            placed.add(append(orderStream(), 0, 3).get(0).eventId());
        }
        LogPosition lastOfAll =
                readAll(LogPosition.START, 100, EventFilter.ALL, 9).end();
        drainUntil(new Subscription("filtered", log, checkpoints, new InMemoryDeadLetters(), handler, 2), handled, 3);
        assertThat(checkpoints.load("filtered"))
                .as(implementation() + ": the checkpoint passed the events left out")
                .isEqualTo(lastOfAll);

        for (int i = 0; i < 2; i++) {
            placed.add(append(orderStream(), 0, 2).get(0).eventId());
        }
        var restarted = new Subscription("filtered", log, checkpoints, new InMemoryDeadLetters(), handler, 2);
        drainUntil(restarted, handled, 5);
        restarted.drain();

        assertThat(handled).as(implementation() + ": each once, in log order").containsExactlyElementsOf(placed);
    }

    @Test
    void a_filtered_reader_following_eight_writers_reads_every_matching_event_exactly_once() throws Exception {
        int writers = 8;
        int appendsEach = 20;
        var reader =
                CompletableFuture.supplyAsync(() -> followFiltered(writers * appendsEach / 2, Duration.ofSeconds(60)));

        List<Object> results = Racing.race(writers, writer -> {
            StreamId stream = orderStream();
            var placedHere = new ArrayList<UUID>();
            for (int version = 0; version < appendsEach; version += 2) {
                List<NewEvent> events = someEvents(2); // each batch starts with a placed: the ones the filter takes
                store.append(stream, version, events);
                placedHere.add(events.get(0).eventId());
            }
            return placedHere;
        });
        var matching = new HashSet<UUID>();
        for (Object result : results) {
            assertThat(result).as(implementation() + ": a writer failed").isInstanceOf(List.class);
            ((List<?>) result).forEach(id -> matching.add((UUID) id));
        }

        List<RecordedEvent> followed = reader.get(90, TimeUnit.SECONDS);
        assertThat(followed)
                .as(implementation() + ": only matching events")
                .allSatisfy(event -> assertThat(event.event()).isInstanceOf(OrderPlaced.class));
        assertThat(followed.stream().map(RecordedEvent::eventId).toList())
                .as(implementation() + ": every matching event once, none twice")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(matching);
    }

    /** Follows the log through the filter of placed events, by page ends, until it has read {@code expected}. */
    private List<RecordedEvent> followFiltered(int expected, Duration patience) {
        var read = new ArrayList<RecordedEvent>();
        LogPosition position = LogPosition.START;
        long deadline = System.nanoTime() + patience.toNanos();
        try {
            while (read.size() < expected && System.nanoTime() < deadline) {
                EventLog.Page page = log.read(position, 3, PLACED);
                read.addAll(page.events());
                if (page.events().isEmpty() && !page.end().isAfter(position)) {
                    log.awaitEvents(position, Duration.ofMillis(100));
                }
                position = page.end();
            }
            read.addAll(log.read(position, 1000, PLACED).events()); // anything more would be a duplicate
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return read;
    }

    /**
     * Reads pages through {@code filter} as a subscription does, resuming after each page's end, until {@code
     * expected} events came and the log has nothing more: a log may hold events back for a while (another
     * transaction still open on a shared server), never for ever.
     */
    private EventLog.Page readAll(LogPosition from, int limit, EventFilter filter, int expected) {
        var read = new ArrayList<RecordedEvent>();
        LogPosition at = from;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            EventLog.Page page = log.read(at, limit, filter);
            assertThat(page.end().compareTo(at))
                    .as(implementation() + ": a page never ends before where it started")
                    .isGreaterThanOrEqualTo(0);
            read.addAll(page.events());
            at = page.end();
            if (read.size() >= expected && page.events().size() < limit) {
                return new EventLog.Page(read, at);
            }
        }
        throw new AssertionError(implementation() + ": " + expected + " events not readable within " + PATIENCE);
    }

    private static void drainUntil(Subscription subscription, List<UUID> handled, int expected) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (handled.size() < expected && System.nanoTime() < deadline) {
            subscription.drain();
        }
    }

    private List<NewEvent> append(StreamId stream, long expectedVersion, int count) {
        List<NewEvent> events = someEvents(count);
        try {
            store.append(stream, expectedVersion, events);
        } catch (ConcurrencyConflict conflict) {
            throw new AssertionError("a single writer conflicted", conflict);
        }
        return events;
    }

    private static List<UUID> ids(List<NewEvent> events) {
        return events.stream().map(NewEvent::eventId).toList();
    }

    private void assertIncreasing(List<RecordedEvent> events) {
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).position())
                    .as(implementation() + ": position of the event " + i + " of the log")
                    .isGreaterThan(events.get(i - 1).position());
        }
    }
}
