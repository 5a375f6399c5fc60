package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.bookworm.ordering.adapter.postgres.EventRows.StoredRow;
import org.bookworm.ordering.adapter.postgres.LogReads.StoredPage;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.jspecify.annotations.Nullable;

/**
 * The global log as a rebuild reads it (ADR 0032, third pass): the same pages in the same order as {@link
 * PostgresEventLog} under the same xid8 rule, with these differences, which cost nothing to the projectors.
 *
 * <ul>
 *   <li><b>A full page is one ordered index range scan</b> ({@link LogReads#readForRebuild}): the live filtered read
 *       materializes and sorts its page, which spills to disk for a rebuild's pages of 10,000 events.
 *   <li><b>No metadata.</b> No projector looks at an event's metadata, so the page leaves it out (PostgreSQL neither
 *       copies nor sends it, the driver does not receive it, nothing decodes it) and every event carries {@link
 *       #NOT_READ} instead. An event the rebuild holds back is held with its stored metadata ({@link
 *       #deadLetters}), so a dead letter never carries the placeholder.
 *   <li><b>The next page is read and decoded ahead</b>, on a thread of its own and its own connection, while the
 *       rebuild folds and writes the current one: the fold, the decoding and PostgreSQL then work at the same time.
 *       A page read ahead is a prefix of what a fresh read would return ({@link ReadAhead} says why), so it never
 *       skips nor repeats an event.
 *   <li><b>A page's payloads are decoded on all cores</b>, in order-keeping slices: events are independent of each
 *       other once their metadata is out of the way; order events with Jackson's streaming parser where they have
 *       the codec's exact shape ({@link StreamingOrderEvents}), anything else by data binding as the log does.
 * </ul>
 *
 * An empty page, a failed read ahead and anything read outside a full page go through the live log's read ({@link
 * PostgresEventLog}, metadata included), which waits for events held back by an open transaction. One per rebuild;
 * {@link #close} stops its thread.
 */
final class RebuildLog implements EventLog, AutoCloseable {
    /** The metadata of every event a rebuild reads: a placeholder, never stored. */
    static final Metadata NOT_READ =
            new Metadata("(metadata not read by a rebuild)", List.of(), new UUID(0, 0), null, null, null, null);

    private static final String STORED_METADATA =
            "SELECT metadata::text FROM eventstore.events WHERE global_position = ?";

    /** What is being read ahead: the page after {@code after}, and how it was asked for. */
    private record Ahead(LogPosition after, int limit, EventFilter filter, Future<Page> page) {}

    private final DataSource dataSource;
    private final EventCodec codec;
    private final EventLog live;
    private final StreamingOrderEvents streaming;
    private final ExecutorService reader = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "rebuild-read-ahead");
        thread.setDaemon(true);
        return thread;
    });
    private @Nullable Ahead ahead;

    RebuildLog(DataSource dataSource, EventCodec codec, EventLog live) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.live = live;
        this.streaming = new StreamingOrderEvents(codec);
    }

    @Override
    public Page read(LogPosition after, int limit, EventFilter filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("read at least one event");
        }
        Page page = takeAhead(after, limit, filter);
        if (page == null) {
            Connection batch = Jdbc.boundTo(dataSource);
            page = batch != null ? withoutMetadata(batch, after, limit, filter) : readOwn(after, limit, filter);
            if (page.events().isEmpty()) {
                page = live.read(after, limit, filter); // the live read waits for events held back
            }
        }
        if (page.events().size() == limit) {
            startAhead(page.end(), limit, filter);
        }
        return page;
    }

    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
        return live.awaitEvents(after, timeout);
    }

    /** {@code held}, holding every event with its stored metadata instead of {@link #NOT_READ}. */
    DeadLetters deadLetters(DeadLetters held) {
        return new DeadLetters.Forwarding(held) {
            @Override
            public void hold(String subscription, RecordedEvent event, Hold hold) {
                held.hold(subscription, withStoredMetadata(event), hold);
            }
        };
    }

    private RecordedEvent withStoredMetadata(RecordedEvent event) {
        if (event.metadata() != NOT_READ) {
            return event;
        }
        // Held events are few (a poisoned lane and what queues behind it): one lookup each, inside the batch.
        String json = Jdbc.withConnection(
                        dataSource,
                        "read a held event's metadata",
                        c -> Jdbc.query(
                                c,
                                STORED_METADATA,
                                ps -> ps.setLong(1, event.position().position()),
                                rs -> rs.getString(1)))
                .stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("event at " + event.position() + " is not in the log"));
        return event.withMetadata(codec.readMetadata(json));
    }

    private @Nullable Page takeAhead(LogPosition after, int limit, EventFilter filter) {
        Ahead pending = ahead;
        ahead = null;
        if (pending == null) {
            return null;
        }
        if (!pending.after().equals(after)
                || pending.limit() != limit
                || !pending.filter().equals(filter)) {
            pending.page().cancel(false);
            return null;
        }
        try {
            Page page = pending.page().get();
            return page.events().isEmpty() ? null : page;
        } catch (ExecutionException failed) {
            return null; // read again in the foreground, with its usual waits and errors
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void startAhead(LogPosition after, int limit, EventFilter filter) {
        ahead = new Ahead(after, limit, filter, reader.submit(() -> readOwn(after, limit, filter)));
    }

    private Page readOwn(LogPosition after, int limit, EventFilter filter) {
        try (Connection c = dataSource.getConnection()) {
            return withoutMetadata(c, after, limit, filter);
        } catch (SQLException failed) {
            throw SqlErrors.translate("read the global log for a rebuild", failed);
        }
    }

    private Page withoutMetadata(Connection c, LogPosition after, int limit, EventFilter filter) {
        try {
            StoredPage stored = LogReads.readForRebuild(c, after, limit, filter);
            return new Page(decode(stored.rows()), stored.end());
        } catch (SQLException failed) {
            throw SqlErrors.translate("read the global log for a rebuild", failed);
        }
    }

    /** Decodes the rows in slices on all cores; each event lands at its row's index, so the order is kept. */
    private List<RecordedEvent> decode(List<StoredRow> rows) {
        var events = new RecordedEvent[rows.size()];
        IntStream.range(0, rows.size()).parallel().forEach(i -> events[i] = decode(rows.get(i)));
        return Arrays.asList(events);
    }

    /** An order event by the streaming reader when it has the codec's exact shape, anything else as the log does. */
    private RecordedEvent decode(StoredRow row) {
        OrderEvent event = streaming.read(row.type(), row.schemaVersion(), row.data());
        return event == null ? EventRows.decode(row, codec, true, NOT_READ) : EventRows.recorded(row, event, NOT_READ);
    }

    @Override
    public void close() {
        Ahead pending = ahead;
        ahead = null;
        if (pending != null) {
            pending.page().cancel(false); // never interrupt a thread inside the driver
        }
        reader.shutdown();
    }
}
