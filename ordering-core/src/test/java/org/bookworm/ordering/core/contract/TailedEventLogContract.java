package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.someEvents;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.TailedEventLog;
import org.bookworm.ordering.core.eventsourcing.TailedEventLog.Window;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventLogContract} for a {@link TailedEventLog} over a real log, with a window of {@value #CAPACITY} events
 * read {@value #PAGE} at a time (so the contract's cases wrap it and fall behind it), and what only a tailed log has:
 * readers behind the window, inside it and ahead of the tail, a failing source, and close.
 */
public abstract class TailedEventLogContract extends EventLogContract {
    protected static final int CAPACITY = 8;
    protected static final int PAGE = 3;
    private static final EventFilter PLACED = EventFilter.events(OrderPlaced.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** The real log to tail: a fresh, empty backend. */
    protected abstract Fixture emptySource();

    private final List<TailedEventLog> opened = new ArrayList<>();
    private EventStore events;
    private CountingEventLog source;
    private TailedEventLog tailed;

    @Override
    protected final Fixture emptyLog() {
        Fixture real = emptySource();
        events = real.events();
        source = new CountingEventLog(real.log());
        tailed = new TailedEventLog(source, CAPACITY, PAGE, Duration.ofMillis(20));
        opened.add(tailed);
        return new Fixture(events, tailed);
    }

    @AfterEach
    final void closeTails() {
        opened.forEach(TailedEventLog::close);
    }

    /** The tailed log under test, for a subclass's own cases. */
    protected final TailedEventLog tailed() {
        return tailed;
    }

    /** The counted source under the tailed log. */
    protected final CountingEventLog source() {
        return source;
    }

    @Test
    void a_reader_behind_a_window_that_wrapped_reads_every_later_event_once_in_order_from_the_source() {
        LogPosition caughtUp = catchUp();
        List<UUID> later = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            later.addAll(ids(append(orderStream(), 2)));
        }
        await(
                "the window dropped the events after " + caughtUp,
                () -> window().start().isAfter(caughtUp));
        int before = source.readsBy(Thread.currentThread().getName());

        List<RecordedEvent> read = readAll(caughtUp, 5, EventFilter.ALL, later.size());

        assertThat(read).extracting(RecordedEvent::eventId).as(name()).containsExactlyElementsOf(later);
        assertThat(source.readsBy(Thread.currentThread().getName()))
                .as(name() + ": behind the window, the reader reads the source")
                .isGreaterThan(before);
        await(
                "the tail read them all",
                () -> window().end().equals(read.getLast().position()));
        assertThat(window().events())
                .as(name() + ": the window holds at most its capacity")
                .isEqualTo(CAPACITY);
    }

    @Test
    void a_reader_inside_the_window_is_answered_from_memory_as_the_log_would() throws InterruptedException {
        LogPosition caughtUp = catchUp();
        List<NewEvent> later = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            later.addAll(append(orderStream(), 2)); // a placed and a modification each
        }
        LogPosition end = readAll(caughtUp, 100, EventFilter.ALL, 6).getLast().position();
        await("the tail read the six", () -> window().end().equals(end));
        int before = source.readsBy(Thread.currentThread().getName());

        EventLog.Page full = tailed.read(caughtUp, 2, PLACED);
        EventLog.Page rest = tailed.read(full.end(), 2, PLACED);

        assertThat(full.events())
                .extracting(RecordedEvent::eventId)
                .as(name())
                .containsExactly(later.get(0).eventId(), later.get(2).eventId());
        assertThat(full.end())
                .as(name() + ": a full page ends at its last match")
                .isEqualTo(full.events().getLast().position());
        assertThat(rest.events())
                .extracting(RecordedEvent::eventId)
                .as(name())
                .containsExactly(later.get(4).eventId());
        assertThat(rest.end())
                .as(name() + ": a page that is not full ends at the window's end")
                .isEqualTo(end);
        assertThat(tailed.awaitEvents(caughtUp, PATIENCE, PLACED)).as(name()).isTrue();
        assertThat(tailed.awaitEvents(rest.events().getFirst().position(), Duration.ofMillis(200), PLACED))
                .as(name() + ": only modifications after the last placed")
                .isFalse();
        assertThat(source.readsBy(Thread.currentThread().getName()))
                .as(name() + ": inside the window, the source is not read")
                .isEqualTo(before);
    }

    @Test
    void a_reader_ahead_of_the_tail_reads_the_source_and_waits_for_the_tail_to_pass_it() throws Exception {
        LogPosition caughtUp = catchUp();
        source.holdTail();
        List<NewEvent> later = append(orderStream(), 2);
        LogPosition first = readAllFrom(source, caughtUp, 2).getFirst().position(); // read straight from the source

        EventLog.Page page = tailed.read(first, 10, EventFilter.ALL);

        assertThat(page.events())
                .extracting(RecordedEvent::eventId)
                .as(name())
                .containsExactly(later.get(1).eventId());
        assertThat(tailed.awaitEvents(page.end(), Duration.ofMillis(200)))
                .as(name() + ": nothing after the second while the tail is held")
                .isFalse();
        source.releaseTail();
        List<NewEvent> third = append(orderStream(), 1);
        assertThat(tailed.awaitEvents(page.end(), PATIENCE)).as(name()).isTrue();
        assertThat(readAll(first, 10, EventFilter.ALL, 2))
                .extracting(RecordedEvent::eventId)
                .as(name())
                .containsExactly(later.get(1).eventId(), third.getFirst().eventId());
    }

    @Test
    void a_tail_whose_wait_fails_after_a_read_does_not_take_that_page_into_the_window_again() {
        LogPosition caughtUp = catchUp();
        source.failTailAwaits(true);
        List<UUID> written = new ArrayList<>(ids(append(orderStream(), 1)));
        await("the tail failed after reading the append", () -> !window().well());
        source.failTailAwaits(false);
        written.addAll(ids(append(orderStream(), 1)));
        LogPosition end = readAll(caughtUp, 10, EventFilter.ALL, 2).getLast().position();
        await("the tail is well again", () -> window().well() && window().end().equals(end));

        assertThat(tailed.readAfter(caughtUp, 10))
                .extracting(RecordedEvent::eventId)
                .as(name() + ": each event once in the window")
                .containsExactlyElementsOf(written);
    }

    @Test
    void while_the_tail_fails_readers_read_the_source_and_the_window_goes_on_without_a_gap_after() {
        LogPosition caughtUp = catchUp();
        source.failTail(true);
        List<UUID> written = new ArrayList<>(ids(append(orderStream(), 1)));
        await("the tail failed", () -> !window().well());

        assertThat(readAll(caughtUp, 10, EventFilter.ALL, 1))
                .extracting(RecordedEvent::eventId)
                .as(name() + ": read from the source meanwhile")
                .containsExactlyElementsOf(written);
        source.failTail(false);
        written.addAll(ids(append(orderStream(), 1)));
        LogPosition end = readAll(caughtUp, 10, EventFilter.ALL, 2).getLast().position();
        await("the tail is well again", () -> window().well() && window().end().equals(end));
        int before = source.readsBy(Thread.currentThread().getName());
        assertThat(tailed.readAfter(caughtUp, 10))
                .extracting(RecordedEvent::eventId)
                .as(name() + ": both in the window")
                .containsExactlyElementsOf(written);
        assertThat(source.readsBy(Thread.currentThread().getName())).as(name()).isEqualTo(before);
    }

    @Test
    void close_stops_the_tail_thread_and_readers_go_on_with_the_source() throws InterruptedException {
        LogPosition caughtUp = catchUp();
        Thread tail = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(CountingEventLog.TAIL) && thread.isAlive())
                .findFirst()
                .orElseThrow(() -> new AssertionError(name() + ": no tail thread"));

        tailed.close();
        tail.join(PATIENCE.toMillis());
        List<UUID> later = ids(append(orderStream(), 1));

        assertThat(tail.isAlive()).as(name() + ": " + tail + " stopped").isFalse();
        assertThat(tailed.awaitEvents(caughtUp, PATIENCE)).as(name()).isTrue();
        assertThat(readAll(caughtUp, 10, EventFilter.ALL, 1))
                .extracting(RecordedEvent::eventId)
                .as(name())
                .containsExactlyElementsOf(later);
    }

    /**
     * Appends one event, reads up to it through the tailed log and returns its position. The tail starts where that
     * read first caught up: there, or before it when the source held the event back for a moment.
     */
    protected final LogPosition catchUp() {
        append(orderStream(), 1);
        List<RecordedEvent> read = readAll(LogPosition.START, 100, EventFilter.ALL, 1);
        LogPosition end = read.getLast().position();
        await("the tail started", () -> tailed.window().isPresent());
        return end;
    }

    protected final Window window() {
        return tailed.window().orElseThrow();
    }

    protected final List<NewEvent> append(StreamId stream, int count) {
        List<NewEvent> written = someEvents(count);
        events.append(stream, 0, written);
        return written;
    }

    protected final List<RecordedEvent> readAll(LogPosition from, int limit, EventFilter filter, int expected) {
        return readAllFrom(tailed, from, limit, filter, expected);
    }

    private List<RecordedEvent> readAllFrom(EventLog log, LogPosition from, int expected) {
        return readAllFrom(log, from, 100, EventFilter.ALL, expected);
    }

    /** Reads pages after {@code from} until {@code expected} events came: a log may hold events back for a while. */
    private List<RecordedEvent> readAllFrom(
            EventLog log, LogPosition from, int limit, EventFilter filter, int expected) {
        var read = new ArrayList<RecordedEvent>();
        LogPosition at = from;
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            EventLog.Page page = log.read(at, limit, filter);
            assertThat(page.end().compareTo(at))
                    .as(name() + ": a page never ends before it starts")
                    .isNotNegative();
            read.addAll(page.events());
            at = page.end();
            if (read.size() >= expected && page.events().size() < limit) {
                return read;
            }
        }
        throw new AssertionError(name() + ": " + expected + " events not readable within " + PATIENCE);
    }

    protected final void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name() + ": " + what + " not within " + PATIENCE);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(name() + ": interrupted", interrupted);
            }
        }
    }

    protected final String name() {
        return getClass().getSimpleName();
    }

    protected static List<UUID> ids(List<NewEvent> written) {
        return written.stream().map(NewEvent::eventId).toList();
    }
}
