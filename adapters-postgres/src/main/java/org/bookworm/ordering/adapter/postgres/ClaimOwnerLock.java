package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.jspecify.annotations.Nullable;

/**
 * The lock that says a process is alive, for the request ids it claims (ADR 0036, migration V15): a session-level
 * advisory lock on the two-int key ({@value #LOCK_CLASS}, n), n drawn from {@code eventstore.claim_owner_keys}, held
 * on a connection of its own, outside the pool (a pool recycles its connections, and the lock would go with one). It
 * is taken at the first claim, so adapters that never claim (the admin verbs) open nothing more.
 *
 * <p>The lock ends with its session: when the process dies (its socket closes and PostgreSQL ends the session at once),
 * when PostgreSQL ends the session or restarts, or when {@link #close} is called. A claim statement checks, in the same
 * statement, that its own owner's lock is still held ({@link PostgresIdempotencyKeys}, {@link PostgresEmailOutbox},
 * both through {@link #claiming}); when it is not, it tells this lock {@link #lost}, and the next {@link #key} opens a
 * new connection with a new n. An n is never taken again while the sequence has not cycled, so two processes never
 * claim under the same key, and a claim written under a key that was lost may be taken over by anyone at once.
 */
final class ClaimOwnerLock implements AutoCloseable {
    /** The first half of every claim owner's two-int advisory key (ADR 0036 lists the others in use). */
    static final int LOCK_CLASS = 0x0b00e;

    private static final String TAKE = "SELECT n, pg_try_advisory_lock(" + LOCK_CLASS + ", n)"
            + " FROM (SELECT nextval('eventstore.claim_owner_keys')::int AS n) AS fresh";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(" + LOCK_CLASS + ", ?)";
    /** How many owner locks in a row a claim may find lost before it gives up: PostgreSQL keeps ending sessions. */
    private static final int LOST_AT_MOST = 3;
    /** Enough to step over keys that a cycled sequence hands out while an old process still holds them. */
    private static final int TRIES = 16;

    private record Taken(int key, boolean locked) {}

    private final PostgresConfig config;
    private @Nullable Connection connection;
    private int key;
    private boolean closed;

    ClaimOwnerLock(PostgresConfig config) {
        this.config = config;
    }

    /**
     * The SQL test, for a claim statement, that no session holds the owner lock that {@code key} (a column or a
     * parameter) names: a try of the lock's shared form succeeds only then. The lock class is a constant, not input.
     */
    static String gone(String key) {
        return "pg_try_advisory_xact_lock_shared(" + LOCK_CLASS + ", " + key + ")";
    }

    /** One claim statement, made under the owner key it is given; null when it found that key's lock lost. */
    @FunctionalInterface
    interface Claim<T> {
        @Nullable
        T under(int key);
    }

    /**
     * Makes {@code claim} under this process's key. A claim that finds the key's lock lost has written nothing: it is
     * made again under a new lock, at most {@value #LOST_AT_MOST} times in a row, then {@code what} fails as a store
     * that is unavailable for now.
     */
    <T> T claiming(String what, Claim<T> claim) {
        for (int lost = 1; ; lost++) {
            int me = key();
            T answer = claim.under(me);
            if (answer != null) {
                return answer;
            }
            lost(me);
            if (lost == LOST_AT_MOST) {
                throw new StoreUnavailable(
                        what + ": this process's claim owner lock was lost " + lost + " times in a row",
                        new IllegalStateException("owner lock lost"));
            }
        }
    }

    /**
     * The n this process claims under now: taken on a new connection when none is held (the first claim, or after
     * {@link #lost}).
     *
     * @throws IllegalStateException once {@link #close}d: an owner that ended claims nothing more
     */
    synchronized int key() {
        if (closed) {
            throw new IllegalStateException("this process's claim owner has ended: it claims nothing more");
        }
        if (connection == null) {
            take();
        }
        return key;
    }

    /**
     * The n this process's claims are made under now, without taking a lock: 0 when it holds none (never claimed,
     * lost, or closed), which no claim names. For statements that act only on this process's own claims.
     */
    synchronized int held() {
        return connection == null ? 0 : key;
    }

    /** A claim found the lock of {@code lostKey} no longer held: the next {@link #key} takes a new one. */
    synchronized void lost(int lostKey) {
        if (connection != null && key == lostKey) {
            dropConnection();
        }
    }

    /**
     * Ends the owner: the lock is released before its connection closes (a closed session drops it too, but a moment
     * later, as the server's backend exits), so its claims may be taken over as soon as this returns.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            try {
                Jdbc.query(connection, UNLOCK, ps -> ps.setInt(1, key), rs -> rs.getBoolean(1));
            } catch (SQLException unreachable) {
                // the session ends with the connection below, and the lock with it
            }
            dropConnection();
        }
    }

    private void take() {
        Connection opened = null;
        try {
            opened = open();
            for (int attempt = 0; attempt < TRIES; attempt++) {
                Taken taken = Jdbc.query(opened, TAKE, ps -> {}, rs -> new Taken(rs.getInt(1), rs.getBoolean(2)))
                        .get(0);
                if (taken.locked()) {
                    connection = opened;
                    key = taken.key();
                    return;
                }
            }
            throw new IllegalStateException(
                    "no free claim owner key in " + TRIES + " tries of eventstore.claim_owner_keys");
        } catch (SQLException failed) {
            closeQuietly(opened);
            throw SqlErrors.translate("take this process's claim owner lock", failed);
        } catch (RuntimeException failed) {
            closeQuietly(opened);
            throw failed;
        }
    }

    /**
     * A plain connection with the pool's timeouts; the server probes the client with TCP keepalive, so even a session
     * whose machine vanished ends within about half a minute (loopback and Unix sockets need none).
     */
    private Connection open() throws SQLException {
        var properties = config.dedicatedConnection("ordering-claim-owner");
        properties.setProperty("socketTimeout", "15");
        properties.setProperty(
                "options",
                "-c statement_timeout=" + Pools.STATEMENT_TIMEOUT.toMillis()
                        + " -c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3");
        return DriverManager.getConnection(config.url(), properties);
    }

    private void dropConnection() {
        closeQuietly(connection);
        connection = null;
        key = 0;
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // the session ends with the socket either way, and its lock with it
        }
    }
}
