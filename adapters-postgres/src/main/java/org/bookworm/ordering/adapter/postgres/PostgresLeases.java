package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/**
 * Partition leases as rows of {@code eventstore.partition_leases} (V14, ADR 0034). A claim is one upsert whose row lock
 * orders racing claimants: the first inserts, the others then find a live lease of another owner and get nothing. A
 * fenced write first locks its lease row {@code FOR SHARE} where the token still is the lease's, in the transaction of
 * the write (the batch's, when a {@link PostgresUnitOfWork} runs one on this thread): a claim, which updates that row,
 * waits until the write commits or rolls back, and once a claim has committed the check finds no row and the write is
 * refused. Expiry is judged on the clock handed in (the process's).
 */
final class PostgresLeases implements Leases {
    private static final String RECORD_COUNT = "INSERT INTO eventstore.subscription_partitions (subscription,"
            + " partitions) VALUES (?, ?) ON CONFLICT (subscription) DO NOTHING";
    private static final String COUNT =
            "SELECT partitions FROM eventstore.subscription_partitions WHERE subscription = ?";
    private static final String BEAT = "INSERT INTO eventstore.lease_owners (subscription, owner, expires_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (subscription, owner) DO UPDATE SET expires_at = EXCLUDED.expires_at";
    // housekeeping: a row another transaction holds (a process frozen inside its own heartbeat) is left for later
    private static final String FORGET = "DELETE FROM eventstore.lease_owners WHERE ctid = ANY (ARRAY(SELECT ctid"
            + " FROM eventstore.lease_owners WHERE expires_at <= ? FOR UPDATE SKIP LOCKED))";
    private static final String ALIVE =
            "SELECT owner FROM eventstore.lease_owners WHERE subscription = ? AND expires_at > ?";
    // live and another owner's: no row changes and none comes back; otherwise a fresh claim raises the token
    private static final String CLAIM = "INSERT INTO eventstore.partition_leases AS l (subscription, partition, owner,"
            + " token, expires_at) VALUES (?, ?, ?, 1, ?) ON CONFLICT (subscription, partition) DO UPDATE"
            + " SET token = CASE WHEN l.expires_at > ? AND l.owner = EXCLUDED.owner THEN l.token ELSE l.token + 1 END,"
            + " claimed_at = CASE WHEN l.expires_at > ? AND l.owner = EXCLUDED.owner THEN l.claimed_at ELSE now() END,"
            + " owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at"
            + " WHERE l.expires_at <= ? OR l.owner = EXCLUDED.owner"
            + " RETURNING l.subscription, l.partition, l.owner, l.token, l.expires_at";
    private static final String RENEW = "UPDATE eventstore.partition_leases l SET expires_at = ?"
            + " WHERE subscription = ? AND partition = ? AND owner = ? AND token = ?"
            + " RETURNING l.subscription, l.partition, l.owner, l.token, l.expires_at";
    private static final String RELEASE = "UPDATE eventstore.partition_leases SET expires_at = 'epoch'"
            + " WHERE subscription = ? AND partition = ? AND owner = ? AND token = ?";
    private static final String LEASES = "SELECT subscription, partition, owner, token, expires_at"
            + " FROM eventstore.partition_leases WHERE subscription = ? ORDER BY partition";
    static final String FENCE = "SELECT 1 FROM eventstore.partition_leases"
            + " WHERE subscription = ? AND partition = ? AND owner = ? AND token = ? FOR SHARE";

    private final DataSource dataSource;
    private final InstantSource clock;

    PostgresLeases(DataSource dataSource, InstantSource clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /**
     * One transaction: the insert does nothing when a count is recorded, and waits for a racing starter's insert to
     * commit or roll back; the select, a statement later, then sees whichever count was recorded.
     */
    @Override
    public int recordedPartitions(String subscription, int otherwise) {
        return Jdbc.inTransaction(dataSource, "record the partitions of " + subscription, c -> {
            Jdbc.update(c, RECORD_COUNT, ps -> {
                ps.setString(1, subscription);
                ps.setInt(2, otherwise);
            });
            return Jdbc.query(c, COUNT, ps -> ps.setString(1, subscription), rs -> rs.getInt(1))
                    .get(0);
        });
    }

    @Override
    public List<String> heartbeat(String subscription, String owner, Duration duration) {
        Instant now = clock.instant();
        return Jdbc.inTransaction(dataSource, "renew the heartbeat of " + owner, c -> {
            Jdbc.update(c, BEAT, ps -> {
                ps.setString(1, subscription);
                ps.setString(2, owner);
                ps.setObject(3, at(now.plus(duration)));
            });
            Jdbc.update(c, FORGET, ps -> ps.setObject(1, at(now)));
            return Jdbc.query(
                            c,
                            ALIVE,
                            ps -> {
                                ps.setString(1, subscription);
                                ps.setObject(2, at(now));
                            },
                            rs -> rs.getString(1))
                    .stream()
                    .sorted()
                    .toList();
        });
    }

    @Override
    public Optional<Lease> claim(String subscription, int partition, String owner, Duration duration) {
        Instant now = clock.instant();
        return Jdbc.inTransaction(
                dataSource,
                "claim " + subscription + " partition " + partition,
                c -> Jdbc.query(
                                c,
                                CLAIM,
                                ps -> {
                                    ps.setString(1, subscription);
                                    ps.setInt(2, partition);
                                    ps.setString(3, owner);
                                    ps.setObject(4, at(now.plus(duration)));
                                    ps.setObject(5, at(now));
                                    ps.setObject(6, at(now));
                                    ps.setObject(7, at(now));
                                },
                                PostgresLeases::lease)
                        .stream()
                        .findFirst());
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration duration) {
        Instant until = clock.instant().plus(duration);
        return Jdbc.inTransaction(
                dataSource,
                "renew " + lease.subscription() + " partition " + lease.partition(),
                c -> Jdbc.query(
                                c,
                                RENEW,
                                ps -> {
                                    ps.setObject(1, at(until));
                                    bindLease(ps, 2, lease);
                                },
                                PostgresLeases::lease)
                        .stream()
                        .findFirst());
    }

    @Override
    public void release(Lease lease) {
        Jdbc.inTransaction(dataSource, "release " + lease.subscription() + " partition " + lease.partition(), c -> {
            Jdbc.update(c, RELEASE, ps -> bindLease(ps, 1, lease));
            return null;
        });
    }

    @Override
    public List<Lease> leases(String subscription) {
        return Jdbc.withConnection(
                dataSource,
                "list the leases of " + subscription,
                c -> Jdbc.query(c, LEASES, ps -> ps.setString(1, subscription), PostgresLeases::lease));
    }

    @Override
    public <T> T fenced(Lease lease, Supplier<T> write) {
        return Jdbc.inTransaction(
                dataSource, "write as owner of " + lease.subscription() + " partition " + lease.partition(), c -> {
                    check(c, lease);
                    return Jdbc.bound(dataSource, c, bound -> write.get());
                });
    }

    /**
     * The checkpoint save of a partition's owner: when the checkpoints are this pool's, one statement that checks the
     * lease and saves (joining the batch's transaction when one runs on this thread), instead of a transaction of its
     * own around a check and a save; otherwise the default fenced write.
     */
    @Override
    public void saveFenced(Lease lease, Checkpoints checkpoints, String subscription, LogPosition position) {
        if (!(checkpoints instanceof PostgresCheckpoints ours) || !ours.on(dataSource)) {
            Leases.super.saveFenced(lease, checkpoints, subscription, position);
            return;
        }
        boolean saved = Jdbc.withConnection(
                dataSource,
                "save checkpoint as owner of " + lease.subscription() + " partition " + lease.partition(),
                c -> PostgresCheckpoints.saveFenced(c, lease, subscription, position));
        if (!saved) {
            throw new LeaseLost(lease);
        }
    }

    /**
     * The checkpoint saves of an owner's pass over several partitions: when the checkpoints are this pool's, one
     * statement that checks every lease and saves the partitions whose lease is still theirs (joining the batch's
     * transaction when one runs on this thread); otherwise the default, one fenced save after another.
     */
    @Override
    public void saveFenced(Checkpoints checkpoints, List<FencedSave> saves) {
        if (!(checkpoints instanceof PostgresCheckpoints ours) || !ours.on(dataSource) || saves.size() < 2) {
            Leases.super.saveFenced(checkpoints, saves);
            return;
        }
        Lease any = saves.get(0).lease();
        Set<String> saved = Jdbc.withConnection(
                dataSource,
                "save checkpoints as owner of " + any.subscription() + " partitions",
                c -> PostgresCheckpoints.saveAllFenced(c, saves));
        List<Lease> lost = saves.stream()
                .filter(save -> !saved.contains(save.subscription()))
                .map(FencedSave::lease)
                .toList();
        if (!lost.isEmpty()) {
            throw new LeaseLost(lost);
        }
    }

    /** Locks the lease's row for this transaction if it still carries the lease's token, else throws. */
    static void check(Connection c, Lease lease) throws SQLException {
        if (Jdbc.query(c, FENCE, ps -> bindLease(ps, 1, lease), rs -> true).isEmpty()) {
            throw new LeaseLost(lease);
        }
    }

    /** Binds the lease's subscription, partition, owner and token from {@code first}; answers the next index. */
    static int bindLease(PreparedStatement ps, int first, Lease lease) throws SQLException {
        ps.setString(first, lease.subscription());
        ps.setInt(first + 1, lease.partition());
        ps.setString(first + 2, lease.owner());
        ps.setLong(first + 3, lease.token());
        return first + 4;
    }

    private static Lease lease(ResultSet rs) throws SQLException {
        return new Lease(
                rs.getString("subscription"),
                rs.getInt("partition"),
                rs.getString("owner"),
                rs.getLong("token"),
                rs.getObject("expires_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
