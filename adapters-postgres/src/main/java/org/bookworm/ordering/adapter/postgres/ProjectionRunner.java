package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.TransientFailure;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transactional subscription: each batch is read with the xid8 rule and handled, and its rows, its dead letters and
 * its checkpoint commit in one transaction, so a crash anywhere redoes the whole batch and nothing shows twice. One
 * owner at a time: a batch runs only under the subscription's advisory lock; a second process finds it taken and
 * waits for the next round. A failing event is retried {@value #ATTEMPTS} times inside a savepoint, then parked with
 * its error, together with every later event of its stream; other streams keep flowing. A failure that can pass by
 * waiting (the database unavailable, a {@link TransientFailure} from anywhere) parks nothing: the whole batch rolls
 * back and comes again at the next round. A parked lane that an operator retries is handled first at the next round,
 * in order, and parked again if it still fails.
 */
final class ProjectionRunner {
    static final int ATTEMPTS = 3;
    private static final int LOCK_CLASS = 0x0b00c;
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRunner.class);

    /** What a projection does with one event, on the batch's connection. */
    @FunctionalInterface
    interface Handler {
        void handle(Connection c, RecordedEvent event) throws SQLException;
    }

    private final DataSource dataSource;
    private final EventCodec codec;
    private final String name;
    private final Handler handler;
    private final int batchSize;

    ProjectionRunner(DataSource dataSource, EventCodec codec, String name, Handler handler, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
        this.dataSource = dataSource;
        this.codec = codec;
        this.name = name;
        this.handler = handler;
        this.batchSize = batchSize;
    }

    String name() {
        return name;
    }

    /** Handles one batch; 0 when caught up or when another owner holds the subscription. */
    int pump() {
        return Jdbc.inTransaction(dataSource, "run projection " + name, c -> tryLock(c, name) ? pumpIn(c) : 0);
    }

    /** Pumps until caught up; returns how many events it read. */
    int drain() {
        int total = 0;
        int read;
        while ((read = pump()) > 0) {
            total += read;
        }
        return total;
    }

    /** One batch on a connection whose transaction the caller owns (and has locked the subscription in). */
    int pumpIn(Connection c) throws SQLException {
        retryAskedLanes(c);
        LogPosition from = PostgresCheckpoints.load(c, name);
        List<RecordedEvent> batch = PostgresEventLog.readAfter(c, codec, from, batchSize);
        if (batch.isEmpty()) {
            return 0;
        }
        Set<StreamId> parked = new HashSet<>(PostgresDeadLetters.parkedStreams(c, name));
        for (RecordedEvent event : batch) {
            if (parked.contains(event.stream())) {
                PostgresDeadLetters.park(
                        c, codec, name, event, "parked behind an earlier failed event of " + event.stream());
            } else if (!handleWithRetries(c, event)) {
                parked.add(event.stream());
            }
        }
        PostgresCheckpoints.save(c, name, batch.get(batch.size() - 1).position());
        return batch.size();
    }

    private boolean handleWithRetries(Connection c, RecordedEvent event) throws SQLException {
        if (event.event() instanceof UnreadableEvent unreadable) {
            PostgresDeadLetters.park(c, codec, name, event, unreadable.error());
            return false;
        }
        String error = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Savepoint savepoint = c.setSavepoint();
            try {
                handler.handle(c, event);
                c.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException failure) {
                if (SqlErrors.isUnavailable(failure)) {
                    throw failure; // the database, not the event, failed: retry the whole batch later
                }
                c.rollback(savepoint);
                error = failure.toString();
            } catch (TransientFailure outage) {
                throw outage; // not the event's fault either
            } catch (RuntimeException failure) {
                c.rollback(savepoint);
                error = failure.toString();
            }
        }
        LOG.warn("{} parked {} v{}: {}", name, event.stream(), event.version(), error);
        PostgresDeadLetters.park(c, codec, name, event, error);
        return false;
    }

    /** Lanes an operator asked to retry: their events in order, each released once handled, parked again if not. */
    private void retryAskedLanes(Connection c) throws SQLException {
        for (DeadLetters.Lane lane : PostgresDeadLetters.lanes(c, name)) {
            if (lane.hold().status() != DeadLetters.Status.RETRYING) {
                continue;
            }
            for (RecordedEvent event : PostgresDeadLetters.events(c, codec, name, lane.id())) {
                String error = attempt(c, event);
                if (error != null) {
                    PostgresDeadLetters.update(
                            c,
                            name,
                            lane.id(),
                            DeadLetters.Hold.parked(lane.hold().attempts() + 1, Instant.now(), error));
                    break;
                }
                PostgresDeadLetters.release(c, name, event);
            }
        }
    }

    /** One try in a savepoint: null when handled, else the error (a failure that passes by waiting is thrown). */
    private @Nullable String attempt(Connection c, RecordedEvent event) throws SQLException {
        if (event.event() instanceof UnreadableEvent unreadable) {
            return unreadable.error();
        }
        Savepoint savepoint = c.setSavepoint();
        try {
            handler.handle(c, event);
            c.releaseSavepoint(savepoint);
            return null;
        } catch (SQLException failure) {
            if (SqlErrors.isUnavailable(failure)) {
                throw failure;
            }
            c.rollback(savepoint);
            return failure.toString();
        } catch (TransientFailure outage) {
            throw outage;
        } catch (RuntimeException failure) {
            c.rollback(savepoint);
            return failure.toString();
        }
    }

    /** Tries the subscription's advisory lock for this transaction. */
    static boolean tryLock(Connection c, String subscription) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT pg_try_advisory_xact_lock(?, hashtext(?))",
                        ps -> {
                            ps.setInt(1, LOCK_CLASS);
                            ps.setString(2, subscription);
                        },
                        rs -> rs.getBoolean(1))
                .get(0);
    }

    /** Waits for the subscription's advisory lock for this transaction (bounded by lock_timeout). */
    static void lock(Connection c, String subscription) throws SQLException {
        Jdbc.query(
                c,
                "SELECT pg_advisory_xact_lock(?, hashtext(?))::text",
                ps -> {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setString(2, subscription);
                },
                rs -> rs.getString(1));
    }
}
