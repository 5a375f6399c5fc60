package org.bookworm.ordering.benchmarks;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.Snapshot;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.ordering.OrderCommand;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;

/**
 * Ours: the core's {@link EventStore} and {@link EventLog} through the PostgreSQL adapter exactly as the service
 * wires it ({@link PostgresAdapters#start}: Flyway schema, group commit, xid8-ordered log, LISTEN/NOTIFY wake-ups),
 * with UUIDv7 event ids and audit metadata on every event.
 */
final class OursSubject implements Subject<LogPosition>, SnapshotLoads {
    static final String NAME = "ours";
    static final String WITHOUT_GROUP_COMMIT = "ours-tx";
    // The adapter's log has no "head" query (subscriptions resume from checkpoints); the driver asks the table
    // directly, with the same visibility rule the reader uses, so tailing starts after everything committed now. The
    // id is selected as "tx", not as tx_id::text: ORDER BY would take that text output column for the xid8 one and
    // sort "9999" after "10000" (OursSubjectHeadTest).
    private static final String HEAD = "SELECT tx_id::text::int8 AS tx, global_position FROM eventstore.events"
            + " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " ORDER BY tx_id DESC, global_position DESC LIMIT 1";
    private static final Metadata METADATA = new Metadata("bench", List.of("system"), new UUID(7, 7), null, null);

    private final String name;
    private final String url;
    private final PostgresAdapters adapters;
    private final EventStore store;
    private final EventLog log;
    private final UuidV7Generator ids = new UuidV7Generator(InstantSource.system(), ThreadLocalRandom.current());
    private final EventSourcedRunner<OrderCommand, OrderState, OrderEvent, OrderRejection> orders;

    /** Group commit on (as shipped), or one transaction per append ({@code ours-tx}) to show what it changes. */
    OursSubject(String url, int connections, boolean groupCommit) {
        this.name = groupCommit ? NAME : WITHOUT_GROUP_COMMIT;
        this.url = url;
        var config = new PostgresConfig(url, "", "", connections);
        this.adapters = groupCommit ? PostgresAdapters.start(config) : PostgresAdapters.startWithoutGroupCommit(config);
        this.store = adapters.eventStore();
        this.log = adapters.eventLog();
        // The runner OrderService builds (same decider, snapshots every 50 events): its load is the snapshot path.
        var stores = new EventSourcedRunner.Stores(
                store, adapters.snapshots(), adapters.idempotencyKeys(), ids, InstantSource.system());
        this.orders = new EventSourcedRunner<>(
                new OrderDecider(), OrderDecider.VERSION, OrderState.class, OrderEvent.class, stores, 50);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void append(UUID stream, long expectedVersion, List<OrderEvent> events) {
        var news = new ArrayList<NewEvent>(events.size());
        for (OrderEvent event : events) {
            news.add(new NewEvent(ids.next(), event, METADATA));
        }
        try {
            store.append(StreamId.of(OrderService.STREAM, stream), expectedVersion, news);
        } catch (ConcurrencyConflict moved) {
            // The conflict carries the events appended since (ADR 0029): the runner folds them instead of reloading.
            long caughtUp = moved.appendedSince().map(EventStream::version).orElse(-1L);
            throw new Conflict("stream " + stream + " moved past " + expectedVersion, moved, caughtUp);
        }
    }

    @Override
    public List<OrderEvent> load(UUID stream) {
        return store.load(StreamId.of(OrderService.STREAM, stream)).domainEvents(OrderEvent.class);
    }

    @Override
    public void snapshot(UUID stream, long version) {
        StreamId id = StreamId.of(OrderService.STREAM, stream);
        List<OrderEvent> prefix = store.load(id, 0, version).domainEvents(OrderEvent.class);
        OrderState state = orders.decider().fold(prefix);
        adapters.snapshots().save(new Snapshot(id, version, OrderDecider.VERSION, state));
    }

    @Override
    public long loadFromSnapshot(UUID stream) {
        return orders.load(StreamId.of(OrderService.STREAM, stream)).version();
    }

    @Override
    public LogPosition start() {
        return LogPosition.START;
    }

    @Override
    public LogPosition head() {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(HEAD)) {
            return rows.next() ? new LogPosition(rows.getLong(1), rows.getLong(2)) : LogPosition.START;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot find the head of the log", e);
        }
    }

    @Override
    public Batch<LogPosition> read(LogPosition after, int limit) {
        List<RecordedEvent> recorded = log.readAfter(after, limit);
        var events = new ArrayList<Read>(recorded.size());
        LogPosition next = after;
        for (RecordedEvent each : recorded) {
            events.add(new Read(each.stream().id(), each.version(), (OrderEvent) each.event()));
            next = each.position();
        }
        return new Batch<>(events, next);
    }

    @Override
    public Batch<LogPosition> tail(LogPosition after, int limit, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Batch<LogPosition> batch = read(after, limit);
            long left = deadline - System.nanoTime();
            if (!batch.events().isEmpty() || left <= 0) {
                return batch;
            }
            log.awaitEvents(after, Duration.ofNanos(left));
        }
    }

    @Override
    public void close() {
        adapters.close();
    }
}
