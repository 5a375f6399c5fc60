package org.bookworm.ordering.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.OrderViews;
import org.jspecify.annotations.Nullable;

/**
 * The entry point of the operator's tool ({@code ordering db|events|projections|subscriptions|horizon|verify}) on the
 * PostgreSQL of a deployment, whether or not a server runs on it. Its pool is small and named {@code ordering-admin},
 * so it never passes for a server ({@link SubscriptionState#owners()}). Opened for {@code db} it does not migrate;
 * opened for everything else it migrates first, as a starting server does.
 */
public final class PostgresAdmin implements AutoCloseable {
    static final String APPLICATION = "ordering-admin";
    private static final int POOL = 4;

    private final HikariDataSource dataSource;
    private final InstantSource clock;
    private final EventCodec codec = EventCodec.standard();
    private final PostgresDeadLetters deadLetters;
    private @Nullable Notifications notifications;
    private @Nullable PostgresEventLog eventLog;
    private final PostgresConfig config;

    private PostgresAdmin(PostgresConfig config, InstantSource clock) {
        this.config = new PostgresConfig(config.url(), config.user(), config.password(), POOL);
        this.dataSource = Pools.pool(this.config, APPLICATION);
        this.clock = clock;
        this.deadLetters = new PostgresDeadLetters(dataSource, codec);
    }

    /** Connects without migrating ({@code db info}, {@code db validate}, {@code db migrate}). */
    public static PostgresAdmin connect(PostgresConfig config, InstantSource clock) {
        return new PostgresAdmin(config, clock);
    }

    /** Connects and brings the schema up to date, as a starting server does. */
    public static PostgresAdmin migrated(PostgresConfig config, InstantSource clock) {
        var admin = new PostgresAdmin(config, clock);
        try {
            Pools.migrate(admin.dataSource);
            return admin;
        } catch (RuntimeException failed) {
            admin.close();
            throw failed;
        }
    }

    public int migrate() {
        return AdminMigrations.migrate(dataSource);
    }

    public List<Migration> migrations() {
        return AdminMigrations.info(dataSource);
    }

    /** Empty when the applied history matches the scripts; otherwise one line per mismatch. */
    public List<String> validate() {
        return AdminMigrations.validate(dataSource);
    }

    public HorizonReport horizon() {
        return HorizonReport.read(dataSource);
    }

    public EventStats stats() {
        return EventStats.read(dataSource);
    }

    /**
     * The selected events as JSON Lines, streamed (see {@link EventDump}); returns how many. A type this version does
     * not know, or a start past the end of the log, is refused before anything is written: either is a typo that
     * would otherwise print nothing and succeed.
     */
    public long dump(DumpSelection filter, Consumer<String> lines) {
        for (String type : filter.types()) {
            if (!codec.knows(type)) {
                throw new IllegalArgumentException("no event type '" + type + "'; there are " + codec.typeNames());
            }
        }
        return EventDump.dump(dataSource, filter, lines);
    }

    /** Right after the event at {@code globalPosition} (0: the start); past the end is refused. */
    public LogPosition after(long globalPosition) {
        return Jdbc.withConnection(dataSource, "find a position", c -> LogPositions.after(c, globalPosition));
    }

    /** Right after the last event recorded before {@code at}. */
    public LogPosition before(Instant at) {
        return Jdbc.withConnection(dataSource, "find an instant", c -> LogPositions.before(c, at, clock.instant()));
    }

    /** Where a follower starts to see what commits from now on, never skipping an open transaction's events. */
    public LogPosition now() {
        return Jdbc.withConnection(dataSource, "find the horizon", LogPositions::now);
    }

    /** The same reader of the global log as the subscriptions'. */
    public synchronized EventLog eventLog() {
        if (eventLog == null) {
            notifications = new Notifications(config);
            eventLog = new PostgresEventLog(dataSource, codec, notifications);
        }
        return eventLog;
    }

    /** One event as a JSON line in the dump's shape. */
    public String json(RecordedEvent event) {
        return new EventJson(codec).line(event);
    }

    public List<SubscriptionState> subscriptions(List<String> names) {
        return Jdbc.inTransaction(dataSource, "read the subscriptions", c -> {
            Admin.readOnlySnapshot(c);
            var states = new ArrayList<SubscriptionState>();
            for (String name : names) {
                states.add(Subscriptions.state(c, name, deadLetters.lanes(name), clock.instant()));
            }
            return states;
        });
    }

    /** The live connections of servers to this database. */
    public List<SubscriptionState.Owner> owners() {
        return Jdbc.withConnection(dataSource, "find the servers", Subscriptions::owners);
    }

    /** Moves the checkpoint of {@code subscription} under its lock: it next handles the events after {@code to}. */
    public void moveCheckpoint(String subscription, LogPosition to) {
        Subscriptions.moveCheckpoint(dataSource, subscription, to);
    }

    /**
     * The invariants checked in SQL (payments, stock, reservations, confirmation e-mails) in one snapshot: the rows
     * that break them, at most 20 per invariant; empty when all hold.
     */
    public List<Violation> violations() {
        return Jdbc.inTransaction(dataSource, "check the invariants", c -> {
            Admin.readOnlySnapshot(c);
            return Invariants.check(c);
        });
    }

    /** The live order read model, as the server's projection writes it. */
    public OrderViews orderViews() {
        return new PostgresOrderViews(dataSource, codec.mapper(), ViewTable.ORDERS_LIVE);
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public Checkpoints checkpoints() {
        return new PostgresCheckpoints(dataSource);
    }

    /** Drops a held lane and records who and why; returns how many events it held (0: none, nothing changed). */
    public int drop(String subscription, UUID lane, String by, String reason) {
        return LaneDrops.drop(dataSource, deadLetters, new LaneDrops.Drop(subscription, lane, by, reason));
    }

    /** The number of events a rebuild reads and commits at a time unless told otherwise. */
    public static final int REBUILD_BATCH_SIZE = Projections.BATCH_SIZE;

    /** The most events a rebuild may read and commit at a time. */
    public static final int MAX_REBUILD_BATCH_SIZE = Projections.MAX_BATCH_SIZE;

    /**
     * Rebuilds a projection, resuming an interrupted rebuild unless {@code restart}, {@code batchSize} events per
     * batch (1 to {@link #MAX_REBUILD_BATCH_SIZE}); returns the events this run read.
     *
     * @throws RebuildRunning when another rebuild of it is under way
     */
    public int rebuild(String projection, RebuildProgress progress, boolean restart, int batchSize) {
        for (Projections.Kind kind : Projections.Kind.values()) {
            if (kind.subscription.equals(projection)) {
                return RebuildLock.holding(
                        dataSource, projection, () -> projections().rebuild(kind, progress, restart, batchSize));
            }
        }
        throw new IllegalArgumentException("no projection '" + projection + "'; there are " + projectionNames());
    }

    public static List<String> projectionNames() {
        return java.util.Arrays.stream(Projections.Kind.values())
                .map(kind -> kind.subscription)
                .toList();
    }

    private Projections projections() {
        return new Projections(
                dataSource, codec, eventLog(), checkpoints(), deadLetters, new PostgresUnitOfWork(dataSource));
    }

    @Override
    public synchronized void close() {
        if (notifications != null) {
            notifications.close();
        }
        dataSource.close();
    }
}
