package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.Partition;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;

/**
 * A subscription's batch as one PostgreSQL transaction: the checkpoint, the held lanes and every row the handler writes
 * through this pool commit together, so a crash anywhere redoes the whole batch and nothing shows twice. The batch's
 * connection is bound to the running thread ({@link Jdbc#bound}), which is how the adapters' own calls join it. One
 * owner at a time: a batch runs only under the subscription's (or its partition's) transaction-scoped advisory lock; a
 * second process finds it taken and reads nothing this round. The batch is a {@link ViewBatch}: the order and buyer
 * views it reads and changes are read once and written once, when its work returns (ADR 0046). A failed attempt of
 * the handler is undone alone, so its lane can be held in the same transaction: the views it changed are put back in
 * memory, and a savepoint, set only once the attempt sends a statement of its own, rolls back what it wrote itself. A
 * batch whose write of its views failed is followed by an isolated one, whose attempts write their views each on
 * their own, so a view the table refuses holds its lane instead of the whole projection.
 */
final class PostgresUnitOfWork implements UnitOfWork {
    private static final int LOCK_CLASS = 0x0b00c;

    private final DataSource dataSource;
    /** The subscriptions whose last batch failed to write its views: their next batch is isolated (ViewBatch). */
    private final Set<String> isolating = ConcurrentHashMap.newKeySet();

    PostgresUnitOfWork(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int batch(String subscription, IntSupplier batch) {
        boolean isolated = isolating.contains(subscription);
        int read = Jdbc.inTransaction(
                dataSource,
                "run subscription " + subscription,
                c -> tryLock(c, subscription)
                        ? Jdbc.bound(
                                dataSource,
                                c,
                                bound -> ViewBatch.run(
                                        dataSource, bound, isolated, batch, () -> isolating.add(subscription)))
                        : 0);
        if (isolated) {
            isolating.remove(subscription); // it committed: the next batch is staged again
        }
        return read;
    }

    /**
     * A pass over several partitions of one subscription in one transaction: the whole subscription's lock shared and
     * each partition's lock exclusively, as far as they are free (one statement); {@code batch} runs for the partitions
     * whose lock it got, so a partition whose batch a paused owner still holds open is passed by alone.
     */
    @Override
    public int batch(String subscription, List<String> partitions, ToIntFunction<List<String>> batch) {
        boolean isolated = isolating.contains(subscription);
        int read = Jdbc.inTransaction(dataSource, "run subscription " + subscription, c -> {
            List<String> locked = tryLock(c, subscription, partitions);
            return locked.isEmpty()
                    ? 0
                    : Jdbc.bound(
                            dataSource,
                            c,
                            bound -> ViewBatch.run(
                                    dataSource,
                                    bound,
                                    isolated,
                                    () -> batch.applyAsInt(locked),
                                    () -> isolating.add(subscription)));
        });
        if (isolated) {
            isolating.remove(subscription); // it committed: the next batch is staged again
        }
        return read;
    }

    @Override
    public void attempt(Runnable attempt) {
        ViewBatch batch = ViewBatch.of(dataSource);
        if (batch == null) {
            throw new IllegalStateException("an attempt runs inside a batch of this unit of work");
        }
        batch.attempt(attempt);
    }

    @Override
    public boolean isTransactional() {
        return true;
    }

    /**
     * Tries the subscription's advisory lock for this transaction (held already when the batch is nested in it). A
     * partition's batch ({@code order-views#3}) takes its partition's lock, and the whole subscription's lock shared,
     * so an operator's reset or a rebuild (which take the whole one's exclusively) waits for no batch half-way.
     */
    static boolean tryLock(Connection c, String subscription) throws SQLException {
        String whole = Partition.subscriptionOf(subscription);
        boolean partition = !whole.equals(subscription);
        return Jdbc.query(
                        c,
                        partition ? TRY_PARTITION : TRY_WHOLE,
                        ps -> {
                            ps.setInt(1, LOCK_CLASS);
                            ps.setString(2, whole);
                            if (partition) {
                                ps.setInt(3, LOCK_CLASS);
                                ps.setString(4, subscription);
                            }
                        },
                        rs -> rs.getBoolean(1))
                .get(0);
    }

    /** The partitions whose lock this transaction got, in the order asked; none without the subscription's. */
    static List<String> tryLock(Connection c, String subscription, List<String> partitions) throws SQLException {
        return Jdbc.query(
                        c,
                        TRY_PARTITIONS,
                        ps -> {
                            ps.setInt(1, LOCK_CLASS);
                            ps.setString(2, subscription);
                            ps.setArray(3, c.createArrayOf("text", partitions.toArray()));
                            ps.setInt(4, LOCK_CLASS);
                        },
                        rs -> List.of((String[]) rs.getArray(1).getArray()))
                .get(0);
    }

    /** One round trip: CASE tries the partitions' locks only once the whole subscription's shared lock is held. */
    private static final String TRY_PARTITIONS = "SELECT CASE WHEN pg_try_advisory_xact_lock_shared(?, hashtext(?))"
            + " THEN ARRAY(SELECT k FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n)"
            + " WHERE pg_try_advisory_xact_lock(?, hashtext(k)) ORDER BY n) ELSE '{}'::text[] END";

    private static final String TRY_WHOLE = "SELECT pg_try_advisory_xact_lock(?, hashtext(?))";
    /** One round trip: CASE tries the partition's lock only once the whole subscription's shared lock is held. */
    private static final String TRY_PARTITION = "SELECT CASE WHEN pg_try_advisory_xact_lock_shared(?, hashtext(?))"
            + " THEN pg_try_advisory_xact_lock(?, hashtext(?)) ELSE false END";

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
