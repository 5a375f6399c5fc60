package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.bookworm.ordering.core.ordering.OrderView;
import org.bookworm.ordering.core.ordering.OrderViews;
import org.jspecify.annotations.Nullable;

/**
 * The order views a rebuild writes into its shadow table: the views a batch changes are kept in memory and written at
 * the end of the batch as one JDBC batch, inside the batch's transaction (the {@link #unit} wraps the projections'
 * unit of work), so they still commit with the rebuild's checkpoint and a kill leaves rows and checkpoint in step.
 * An order's later events in the same batch find its view in memory: one read and one write per order and batch
 * instead of one each per event. Only the projector uses it, and it never lists.
 *
 * <p>An attempt of the handler is undone in memory, not by a savepoint: inside a batch the projector reads the views
 * the batch prefetched and writes only to {@link #pending}, so a failed attempt has sent nothing to the database and
 * putting back the views it replaced undoes it. (The live projection's savepoint per event cost two round trips per
 * event, 98 % of a rebuild's round trips: docs/benchmarks.md.) A held lane's retry may read a view that was not
 * prefetched; that read joins the batch's transaction, and should it fail, the whole batch fails and comes again.
 */
final class RebuildViews implements OrderViews {
    private final PostgresOrderViews table;
    private final DataSource dataSource;
    private final Map<OrderId, OrderView> pending = new LinkedHashMap<>();
    private final Map<OrderId, OrderView> stored = new HashMap<>();
    private final Set<OrderId> prefetched = new HashSet<>();
    /** The views an attempt under way replaced (null: none was pending), to put back when it fails. */
    private final Map<OrderId, @Nullable OrderView> replaced = new HashMap<>();

    RebuildViews(PostgresOrderViews table, DataSource dataSource) {
        this.table = table;
        this.dataSource = dataSource;
    }

    @Override
    public java.util.Optional<OrderView> find(OrderId id) {
        OrderView changed = pending.get(id);
        if (changed != null) {
            return java.util.Optional.of(changed);
        }
        return prefetched.contains(id) ? java.util.Optional.ofNullable(stored.get(id)) : table.find(id);
    }

    @Override
    public Page<OrderSummary> list(OrderQuery query) {
        throw new UnsupportedOperationException("a rebuild's views are written, not listed");
    }

    @Override
    public void save(OrderView view) {
        if (!replaced.containsKey(view.id())) {
            replaced.put(view.id(), pending.get(view.id()));
        }
        pending.merge(view.id(), view, (old, next) -> next.version() > old.version() ? next : old);
    }

    @Override
    public void clear() {
        pending.clear();
        table.clear();
    }

    /**
     * The log as the rebuild reads it: each batch's orders' stored views are fetched in one query as the batch is
     * read (inside the batch's transaction), so the projector does not ask for them one by one.
     */
    EventLog log(EventLog log) {
        return new EventLog() {
            @Override
            public Page read(LogPosition after, int limit, EventFilter filter) {
                Page page = log.read(after, limit, filter);
                prefetch(page.events());
                return page;
            }

            @Override
            public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
                return log.awaitEvents(after, timeout);
            }
        };
    }

    private void prefetch(List<RecordedEvent> batch) {
        Connection c = Jdbc.boundTo(dataSource);
        if (c == null || batch.isEmpty()) {
            return; // outside a batch nothing is cached: find asks the table
        }
        var ids = new HashSet<OrderId>();
        batch.forEach(recorded -> {
            if (recorded.event() instanceof OrderEvent event) {
                ids.add(event.orderId());
            }
        });
        try {
            stored.putAll(table.findAll(c, ids));
        } catch (java.sql.SQLException failed) {
            throw SqlErrors.translate("read a rebuild's order views", failed);
        }
        prefetched.addAll(ids);
    }

    /** The projections' unit of work, writing what each batch changed before the batch commits. */
    UnitOfWork unit(UnitOfWork projections) {
        return new UnitOfWork() {
            @Override
            public int batch(String subscription, IntSupplier batch) {
                return projections.batch(subscription, () -> {
                    forget(); // what a failed batch left is not in the table
                    int read = batch.getAsInt();
                    flush();
                    return read;
                });
            }

            @Override
            public void attempt(Runnable attempt) {
                replaced.clear();
                try {
                    attempt.run();
                } catch (RuntimeException failure) {
                    replaced.forEach((id, before) -> {
                        if (before == null) {
                            pending.remove(id);
                        } else {
                            pending.put(id, before);
                        }
                    });
                    throw failure;
                } finally {
                    replaced.clear();
                }
            }

            @Override
            public boolean isTransactional() {
                return projections.isTransactional();
            }
        };
    }

    private void forget() {
        replaced.clear();
        pending.clear();
        stored.clear();
        prefetched.clear();
    }

    private void flush() {
        stored.clear();
        prefetched.clear();
        if (pending.isEmpty()) {
            return;
        }
        Connection batch = Jdbc.boundTo(dataSource);
        if (batch == null) {
            throw new IllegalStateException("a rebuild's views are written inside its batch");
        }
        try {
            table.saveAll(batch, pending.values());
        } catch (java.sql.SQLException failed) {
            throw SqlErrors.translate("write a rebuild's order views", failed);
        } finally {
            pending.clear();
        }
    }
}
