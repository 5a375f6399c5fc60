package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;

/**
 * The event store on {@code eventstore.events}: streams read in version order, appends of fewer than {@link
 * GroupCommitter#ALONE_FROM} events through the group committer (larger ones, or all when group commit is off, one
 * transaction each), request outcomes stored in the append's transaction (their
 * claims: {@link PostgresIdempotencyKeys}).
 */
final class PostgresEventStore implements EventStore, AutoCloseable {
    /**
     * How long a writer refused on a stream keeps its turn without appending: enough for a caller to fold the
     * events its conflict carried and decide again, short enough that one who gives up delays the others little.
     */
    static final Duration TURN_HOLD = Duration.ofMillis(20);

    private static final String LOAD = "SELECT " + EventRows.COLUMNS + " FROM eventstore.events"
            + " WHERE stream_type = ? AND stream_id = ? AND version > ? AND version <= ? ORDER BY version";

    private final DataSource dataSource;
    private final EventCodec codec;
    private final AppendSql appendSql;
    private final ReaderWakeUps wakeUps;
    private final @Nullable GroupCommitter committer;
    private final StreamTurns turns;

    /** With {@code groupCommitWriters} writer threads sharing commits, or one transaction per append when 0. */
    PostgresEventStore(DataSource dataSource, EventCodec codec, int groupCommitWriters) {
        this(dataSource, codec, groupCommitWriters, TURN_HOLD);
    }

    /** With turns held for {@code turnHold} after a conflict (see {@link StreamTurns}). */
    PostgresEventStore(DataSource dataSource, EventCodec codec, int groupCommitWriters, Duration turnHold) {
        this(dataSource, codec, groupCommitWriters, turnHold, new ReaderWakeUps(dataSource));
    }

    /** With readers woken by {@code wakeUps}, which it closes when it is closed. */
    PostgresEventStore(
            DataSource dataSource, EventCodec codec, int groupCommitWriters, Duration turnHold, ReaderWakeUps wakeUps) {
        this.turns = new StreamTurns(turnHold);
        this.dataSource = dataSource;
        this.codec = codec;
        this.appendSql = new AppendSql(codec);
        this.wakeUps = wakeUps;
        this.committer =
                groupCommitWriters > 0 ? new GroupCommitter(dataSource, appendSql, wakeUps, groupCommitWriters) : null;
    }

    /** See {@link PostgresAdapters#listenToGroupCommits}; nothing to hear without group commit. */
    void listen(GroupCommitListener listener) {
        if (committer != null) {
            committer.listen(listener);
        }
    }

    @Override
    public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
        List<RecordedEvent> events = query(stream, afterVersion, upToVersion);
        if (!events.isEmpty()) {
            return new EventStream(stream, events.get(events.size() - 1).version(), events);
        }
        if (afterVersion <= 0) {
            // read from the start and found nothing: the stream is empty, no need to ask its version (issue 13)
            return new EventStream(stream, afterVersion, List.of());
        }
        try (Connection c = dataSource.getConnection()) {
            return new EventStream(stream, Math.min(afterVersion, AppendSql.currentVersion(c, stream)), List.of());
        } catch (SQLException failed) {
            throw SqlErrors.translate("load " + stream, failed);
        }
    }

    @Override
    public EventStream loadAsOf(StreamId stream, Instant instant) {
        // The prefix recorded at or before the instant: a later version never counts, even with an earlier stamp.
        var prefix = new ArrayList<RecordedEvent>();
        for (RecordedEvent event : query(stream, 0, Long.MAX_VALUE)) {
            if (event.recordedAt().isAfter(instant)) {
                break;
            }
            prefix.add(event);
        }
        return new EventStream(stream, prefix.size(), prefix);
    }

    private List<RecordedEvent> query(StreamId stream, long afterVersion, long upToVersion) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setString(1, stream.type().prefix());
            ps.setObject(2, stream.id());
            ps.setLong(3, afterVersion);
            ps.setLong(4, upToVersion);
            var events = new ArrayList<RecordedEvent>();
            var metadata = new RepeatedMetadata(codec);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventRows.decode(EventRows.stored(rs), codec, false, metadata));
                }
            }
            return events;
        } catch (SQLException failed) {
            throw SqlErrors.translate("load " + stream, failed);
        }
    }

    @Override
    public long append(
            StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
        var request = new AppendRequest(stream, expectedVersion, events, idempotency);
        try {
            turns.await(stream);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable(
                    "interrupted while waiting for a turn on " + stream + "; nothing written", interrupted);
        }
        try {
            long version = committer != null && events.size() < GroupCommitter.ALONE_FROM
                    ? committer.append(request)
                    : appendAlone(request);
            turns.done(stream);
            return version;
        } catch (ConcurrencyConflict conflict) {
            turns.refused(stream);
            throw withEventsSince(conflict);
        } catch (RuntimeException failed) {
            turns.done(stream);
            throw failed;
        }
    }

    /**
     * The conflict with the events appended since its expected version, read after it: the caller catches up with
     * these few instead of reloading the whole stream (issue 14, ADR 0029). If they cannot be read, the conflict as
     * it was, and the caller reloads.
     */
    private ConcurrencyConflict withEventsSince(ConcurrencyConflict conflict) {
        try {
            EventStream since = load(conflict.stream(), conflict.expectedVersion(), Long.MAX_VALUE);
            return new ConcurrencyConflict(conflict.stream(), conflict.expectedVersion(), since);
        } catch (RuntimeException unread) {
            conflict.addSuppressed(unread);
            return conflict;
        }
    }

    // One call in autocommit: the function's statements form one transaction, committed when it returns.
    private long appendAlone(AppendRequest request) {
        try (Connection c = dataSource.getConnection()) {
            long version = appendSql.append(c, request);
            if (!request.events().isEmpty()) {
                wakeUps.committed();
            }
            return version;
        } catch (SQLException failed) {
            throw SqlErrors.translate("append to " + request.stream(), failed);
        }
    }

    ReaderWakeUps wakeUps() {
        return wakeUps;
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.close();
        }
        wakeUps.close();
    }
}
