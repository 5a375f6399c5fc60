package org.bookworm.ordering.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.ClaimOwner;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.Snapshots;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.ordering.BuyerViews;
import org.bookworm.ordering.core.ordering.OrderViews;

/**
 * The one entry point for wiring the PostgreSQL adapters: it opens the pool (short timeouts, RELIABILITY.md section
 * 5), migrates the schemas with Flyway, and hands out the ports. Appends go through an application-level group commit
 * unless it is switched off. Close it to stop the writer and listener threads and the pool.
 */
public final class PostgresAdapters implements AutoCloseable {
    private final PostgresConfig config;
    private final HikariDataSource dataSource;
    private final ClaimOwnerLock claimOwner;
    private final EventCodec codec;
    private final Notifications notifications;
    private final PostgresEventStore eventStore;
    private final PostgresIdempotencyKeys idempotencyKeys;
    private final PostgresEventLog eventLog;
    private final PostgresCheckpoints checkpoints;
    private final PostgresDeadLetters deadLetters;
    private final PostgresSnapshots snapshots;
    private final PostgresOrderViews orderViews;
    private final PostgresBuyerViews buyerViews;
    private final Projections projections;
    private final PostgresInventory inventory;
    private final PostgresCatalog catalog;
    private final PostgresSagaDeadlines sagaDeadlines;
    private final PostgresEmailOutbox emailOutbox;
    private final PostgresUnitOfWork unitOfWork;
    private final PostgresPing ping;

    private PostgresAdapters(PostgresConfig config, boolean groupCommit) {
        this.config = config;
        this.dataSource = Pools.pool(config, "ordering");
        try {
            Pools.migrate(dataSource);
        } catch (RuntimeException failed) {
            dataSource.close();
            throw failed;
        }
        this.codec = EventCodec.standard();
        // this process's readers are woken in memory by its commits, other processes' by a NOTIFY (ADR 0054)
        String origin = Notifications.newOrigin();
        this.notifications = new Notifications(config, origin);
        this.eventStore = new PostgresEventStore(
                dataSource,
                codec,
                groupCommit ? GroupCommitter.writersFor(config.poolSize()) : 0,
                PostgresEventStore.TURN_HOLD,
                new ReaderWakeUps(dataSource, origin, notifications::committedHere));
        // this process's owner of the request ids it claims: they die with it (ADR 0036)
        this.claimOwner = new ClaimOwnerLock(config);
        this.idempotencyKeys = new PostgresIdempotencyKeys(dataSource, claimOwner);
        this.eventLog = new PostgresEventLog(dataSource, codec, notifications);
        this.checkpoints = new PostgresCheckpoints(dataSource);
        this.deadLetters = new PostgresDeadLetters(dataSource, codec);
        this.snapshots = new PostgresSnapshots(dataSource, codec);
        this.orderViews = new PostgresOrderViews(dataSource, codec.mapper(), ViewTable.ORDERS_LIVE);
        this.buyerViews = new PostgresBuyerViews(dataSource, codec.mapper(), ViewTable.BUYERS_LIVE);
        this.unitOfWork = new PostgresUnitOfWork(dataSource);
        this.projections = new Projections(dataSource, codec, eventLog, checkpoints, deadLetters, unitOfWork);
        this.inventory = new PostgresInventory(dataSource);
        this.catalog = new PostgresCatalog(dataSource);
        this.sagaDeadlines = new PostgresSagaDeadlines(dataSource);
        this.emailOutbox = new PostgresEmailOutbox(dataSource, codec.mapper(), claimOwner); // the same owner lock
        this.ping = new PostgresPing(config);
    }

    /**
     * Returns when PostgreSQL answers a trivial query, asked on a connection of its own (never one of the request
     * pool), within about 2.5 s; for health checks, which call it on a schedule, never on a request's path.
     *
     * @throws StoreUnavailable when it does not answer
     */
    public void ping() {
        ping.ping();
    }

    /** Opens the pool and migrates; appends are group-committed. */
    public static PostgresAdapters start(PostgresConfig config) {
        return new PostgresAdapters(config, true);
    }

    /** As {@link #start}, with one transaction per append instead of group commit. */
    public static PostgresAdapters startWithoutGroupCommit(PostgresConfig config) {
        return new PostgresAdapters(config, false);
    }

    public EventStore eventStore() {
        return eventStore;
    }

    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    public Checkpoints checkpoints() {
        return checkpoints;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public Snapshots snapshots() {
        return snapshots;
    }

    public OrderViews orderViews() {
        return orderViews;
    }

    public BuyerViews buyerViews() {
        return buyerViews;
    }

    public Inventory inventory() {
        return inventory;
    }

    /** Books and prices (V8's {@code basket.books}); wrap it with the core's {@code CachedCatalog} for a cache. */
    public Catalog catalog() {
        return catalog;
    }

    public SagaDeadlines sagaDeadlines() {
        return sagaDeadlines;
    }

    public EmailOutbox emailOutbox() {
        return emailOutbox;
    }

    /** The partition leases (ADR 0034), their expiry judged on {@code clock}: a new adapter per call, stateless. */
    public Leases leases(InstantSource clock) {
        return new PostgresLeases(dataSource, clock);
    }

    /**
     * The transaction a projection's batch runs in: its rows (order and buyer views, written through these adapters),
     * its held lanes and its checkpoint commit together, under the subscription's advisory lock, so several processes
     * may run one projection and every effect still shows once. Hand it to the service graph as its projections' unit.
     */
    public UnitOfWork unitOfWork() {
        return unitOfWork;
    }

    /**
     * Replays the whole log into a shadow table of the named projection ({@code order-views} or {@code buyer-views})
     * and swaps it in atomically; readers see the old rows until the swap. Returns how many events were replayed (the
     * projection reads only its own streams, ADR 0030).
     */
    public int rebuildProjection(String name) {
        for (Projections.Kind kind : Projections.Kind.values()) {
            if (kind.subscription.equals(name)) {
                return projections.rebuild(kind);
            }
        }
        throw new IllegalArgumentException("unknown projection '" + name + "'");
    }

    /**
     * What holds global readers back: the oldest transaction still open that has written (anywhere on the server,
     * since transaction ids are cluster-wide) and how long it has been open; empty when none is. Export it as a
     * metric and alert when it grows (RELIABILITY.md section 3).
     */
    public Optional<Holdback> holdback() {
        return Horizon.oldestWriter(dataSource);
    }

    /** Readers are held back by transaction {@code xid} (32-bit form), open for {@code age}. */
    public record Holdback(long xid, Duration age) {}

    /**
     * What waits, for metrics (ADR 0033): per named subscription, the committed events after its checkpoint (counted
     * up to 100,000) and when the first of them was recorded, and the e-mails not sent yet with the creation time of
     * the oldest.
     */
    public Backlog backlog(List<String> subscriptions) {
        return Backlogs.read(dataSource, subscriptions);
    }

    /** Unread events by subscription, pending e-mails and when the oldest of them was queued. */
    public record Backlog(Map<String, Unread> unread, long pendingEmails, Optional<Instant> oldestPendingEmail) {}

    /** The events a subscription has not read yet (counted up to 100,000), and when the first was recorded. */
    public record Unread(long events, Optional<Instant> first) {}

    /**
     * Hands the pool's metrics to a Micrometer {@code MeterRegistry} (HikariCP's own tracker: connections active,
     * idle, pending, acquire time). Once per pool; typed {@code Object} as HikariCP's own setter, so this module needs
     * no Micrometer.
     */
    public void meterPool(Object meterRegistry) {
        dataSource.setMetricRegistry(meterRegistry);
    }

    /**
     * Tells {@code listener} the number of appends and the duration of each group commit from now on (ADR 0033: the
     * batch-size metric); never called when group commit is off. Typed with our own small interface, so this module
     * needs no Micrometer.
     */
    public void listenToGroupCommits(GroupCommitListener listener) {
        eventStore.listen(listener);
    }

    /**
     * Another process on this database, for tests that play several processes (ADR 0036, 0039): its request-id and
     * e-mail claims hold while it lives, under an owner lock of its own, and may be taken over at once once it is
     * closed.
     */
    OtherProcess newClaimOwner() {
        var lock = new ClaimOwnerLock(config);
        return new OtherProcess(
                lock,
                new PostgresIdempotencyKeys(dataSource, lock),
                new PostgresEmailOutbox(dataSource, codec.mapper(), lock));
    }

    /** One more process's claims on this database: its request ids and its e-mail outbox, under one owner lock. */
    static final class OtherProcess implements ClaimOwner {
        private final ClaimOwnerLock lock;
        private final IdempotencyKeys keys;
        private final EmailOutbox emailOutbox;

        private OtherProcess(ClaimOwnerLock lock, IdempotencyKeys keys, EmailOutbox emailOutbox) {
            this.lock = lock;
            this.keys = keys;
            this.emailOutbox = emailOutbox;
        }

        @Override
        public IdempotencyKeys keys() {
            return keys;
        }

        EmailOutbox emailOutbox() {
            return emailOutbox;
        }

        @Override
        public void close() {
            lock.close();
        }
    }

    DataSource dataSource() {
        return dataSource;
    }

    Notifications notifications() {
        return notifications;
    }

    ReaderWakeUps wakeUps() {
        return eventStore.wakeUps();
    }

    EventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        claimOwner.close(); // this process's claims are free at once, as after a kill
        ping.close();
        eventStore.close();
        notifications.close();
        dataSource.close();
    }
}
