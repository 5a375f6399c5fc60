package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.Leases.FencedSave;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Partition;

/**
 * Checkpoints as (xid8, position) rows; the connection variants let a projection commit one with its rows.
 *
 * <p>A partition's checkpoint ({@code order-views#3}, ADR 0034) is its own row. The whole subscription's ({@code
 * order-views}) is where all of it has got to: the earliest of its partitions' rows, a partition without a row standing
 * at the row under the subscription's own name (where a partition starts from, and where an operator's reset or a
 * rebuild puts it after deleting the partitions' rows: {@link #forgetPartitions}).
 */
final class PostgresCheckpoints implements Checkpoints {
    private static final String LOAD_PARTITION =
            "SELECT last_tx_id::text, last_position, updated_at FROM eventstore.checkpoints WHERE subscription = ?";
    /** The earliest of the partitions' positions, each partition's own row or else the whole subscription's. */
    static final String LOAD_WHOLE = whole("?");

    /** {@link #LOAD_WHOLE} for the subscription named by the SQL expression {@code name} (a parameter, a column). */
    private static String whole(String name) {
        return "SELECT coalesce(p.last_tx_id, w.last_tx_id)::text AS tx, coalesce(p.last_position, w.last_position)"
                + " AS pos, coalesce(p.updated_at, w.updated_at) AS updated_at FROM generate_series(0, coalesce((SELECT"
                + " s.partitions FROM eventstore.subscription_partitions s WHERE s.subscription = " + name + "), 1)"
                + " - 1) AS n(partition) LEFT JOIN eventstore.checkpoints p ON p.subscription = " + name
                + " || '#' || n.partition LEFT JOIN eventstore.checkpoints w ON w.subscription = " + name
                + " ORDER BY coalesce(p.last_tx_id, w.last_tx_id) NULLS FIRST,"
                + " coalesce(p.last_position, w.last_position) NULLS FIRST LIMIT 1";
    }

    /**
     * A pass's load in one statement (ADR 0050): partitions' own rows (part 0), whole subscriptions' positions as
     * {@link #LOAD_WHOLE} reads them (part 1), and the subscription's held lanes, the longest held first (part 2).
     */
    private static final String LOAD_PASS = "SELECT 0 AS part, c.subscription AS key, c.last_tx_id::text AS tx,"
            + " c.last_position AS pos, NULL::uuid AS lane, NULL::text AS status, NULL::int AS attempts,"
            + " NULL::timestamptz AS next_attempt_at, NULL::text AS error, NULL::bigint AS events, NULL::bigint AS seq"
            + " FROM eventstore.checkpoints c WHERE c.subscription = ANY (?::text[])"
            + " UNION ALL SELECT 1, k.key, x.tx, x.pos, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
            + " FROM unnest(?::text[]) AS k(key) LEFT JOIN LATERAL (" + whole("k.key") + ") x ON true"
            + " UNION ALL SELECT 2, NULL, NULL, NULL, " + PostgresDeadLetters.LANE_COLUMNS + ", l.seq"
            + " FROM eventstore.held_lanes l WHERE l.subscription = ? ORDER BY part, seq";

    private static final String UPSERT = " ON CONFLICT (subscription) DO UPDATE"
            + " SET last_tx_id = EXCLUDED.last_tx_id, last_position = EXCLUDED.last_position, updated_at = now()";
    private static final String SAVE = "INSERT INTO eventstore.checkpoints (subscription, last_tx_id, last_position)"
            + " VALUES (?, ?::text::xid8, ?)" + UPSERT;
    /**
     * The save of a partition's owner with its lease's check in one statement (ADR 0034's fence): the lease row is
     * locked {@code FOR SHARE} while the token is still the lease's, so a claim waits until the save commits, and with
     * no such row nothing is inserted.
     */
    private static final String SAVE_FENCED = "WITH fence AS (" + PostgresLeases.FENCE + ")"
            + " INSERT INTO eventstore.checkpoints (subscription, last_tx_id, last_position)"
            + " SELECT ?, ?::text::xid8, ? FROM fence" + UPSERT;

    /** Several partitions' own rows at once (ADR 0034's update of 2026-12-07: a process's pass over its partitions). */
    private static final String LOAD_PARTITIONS = "SELECT subscription, last_tx_id::text, last_position"
            + " FROM eventstore.checkpoints WHERE subscription = ANY (?)";
    /**
     * The saves of several partitions' owner, each checked against its own lease in one statement: the lease rows still
     * carrying the tokens are locked {@code FOR SHARE} (a claim of any of them waits until the save commits), and only
     * the partitions whose row was found are saved; the statement answers which.
     */
    private static final String SAVE_ALL_FENCED = "WITH fence AS (SELECT l.partition FROM eventstore.partition_leases l"
            + " JOIN unnest(?::int[], ?::bigint[]) AS h(partition, token)"
            + " ON h.partition = l.partition AND h.token = l.token"
            + " WHERE l.subscription = ? AND l.owner = ? FOR SHARE OF l)"
            + " INSERT INTO eventstore.checkpoints (subscription, last_tx_id, last_position)"
            + " SELECT s.subscription, s.tx::xid8, s.pos"
            + " FROM unnest(?::int[], ?::text[], ?::text[], ?::bigint[]) AS s(partition, subscription, tx, pos)"
            + " JOIN fence ON fence.partition = s.partition" + UPSERT + " RETURNING subscription";

    private final DataSource dataSource;

    PostgresCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether this store's rows live on {@code pool}: a fenced save can then check the lease in its statement. */
    boolean on(DataSource pool) {
        return dataSource == pool;
    }

    @Override
    public LogPosition load(String subscription) {
        return Jdbc.withConnection(dataSource, "load checkpoint", c -> load(c, subscription));
    }

    @Override
    public void save(String subscription, LogPosition position) {
        Jdbc.withConnection(dataSource, "save checkpoint", c -> {
            save(c, subscription, position);
            return null;
        });
    }

    /** Partitions' rows ({@code order-views#3}) in one statement; any other key as {@link #load} reads it. */
    @Override
    public Map<String, LogPosition> loadAll(List<String> subscriptions) {
        List<String> partitions =
                subscriptions.stream().filter(PostgresCheckpoints::isPartition).toList();
        return Jdbc.withConnection(dataSource, "load checkpoints", c -> {
            var found = new HashMap<String, LogPosition>();
            if (!partitions.isEmpty()) {
                Jdbc.query(
                                c,
                                LOAD_PARTITIONS,
                                ps -> ps.setArray(1, c.createArrayOf("text", partitions.toArray())),
                                rs -> Map.entry(rs.getString(1), position(rs, 2)))
                        .forEach(row -> found.put(row.getKey(), row.getValue()));
            }
            var positions = new LinkedHashMap<String, LogPosition>();
            for (String key : subscriptions) {
                positions.put(key, isPartition(key) ? found.getOrDefault(key, LogPosition.START) : load(c, key));
            }
            return positions;
        });
    }

    /**
     * The checkpoints of {@code keys} and {@code subscription}'s held lanes in one statement when {@code held} keeps
     * its rows on this store's pool (ADR 0050); else each store's own load.
     */
    @Override
    public PassStart loadPass(List<String> keys, DeadLetters held, String subscription) {
        if (!(held instanceof PostgresDeadLetters ours) || !ours.on(dataSource)) {
            return Checkpoints.super.loadPass(keys, held, subscription);
        }
        List<String> partitions =
                keys.stream().filter(PostgresCheckpoints::isPartition).toList();
        List<String> wholes = keys.stream().filter(key -> !isPartition(key)).toList();
        return Jdbc.withConnection(dataSource, "load a pass's checkpoints and held lanes", c -> {
            var found = new HashMap<String, LogPosition>();
            var lanes = new ArrayList<DeadLetters.Lane>();
            try (PreparedStatement ps = c.prepareStatement(LOAD_PASS)) {
                ps.setArray(1, c.createArrayOf("text", partitions.toArray()));
                ps.setArray(2, c.createArrayOf("text", wholes.toArray()));
                ps.setString(3, subscription);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getInt("part") == 2) {
                            lanes.add(PostgresDeadLetters.lane(subscription, rs));
                        } else if (rs.getString("tx") != null) {
                            found.put(rs.getString("key"), position(rs, rs.findColumn("tx")));
                        }
                    }
                }
            }
            var positions = new LinkedHashMap<String, LogPosition>();
            keys.forEach(key -> positions.put(key, found.getOrDefault(key, LogPosition.START)));
            return new PassStart(positions, lanes);
        });
    }

    /** Whether {@code key} is a partition's own checkpoint ({@code order-views#3}) rather than a subscription's. */
    private static boolean isPartition(String key) {
        return key.indexOf(Partition.SEPARATOR) >= 0;
    }

    /** The position read as {@code last_tx_id::text, last_position} from column {@code first} on. */
    private static LogPosition position(ResultSet rs, int first) throws SQLException {
        return new LogPosition(Long.parseLong(rs.getString(first)), rs.getLong(first + 1));
    }

    static LogPosition load(Connection c, String subscription) throws SQLException {
        return stored(c, subscription).map(Stored::position).orElse(LogPosition.START);
    }

    /** A checkpoint as stored: where, and when it was saved. */
    record Stored(LogPosition position, Instant updatedAt) {}

    /** The partition's row, or the whole subscription's earliest partition (see the class comment); empty: none. */
    static Optional<Stored> stored(Connection c, String subscription) throws SQLException {
        boolean partition = isPartition(subscription);
        return Jdbc.query(
                        c,
                        partition ? LOAD_PARTITION : LOAD_WHOLE,
                        ps -> {
                            ps.setString(1, subscription);
                            if (!partition) {
                                ps.setString(2, subscription);
                                ps.setString(3, subscription);
                            }
                        },
                        rs -> rs.getString(1) == null
                                ? null
                                : new Stored(position(rs, 1), rs.getTimestamp(3).toInstant()))
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    /**
     * Deletes the partitions' own checkpoints of {@code subscription}, so each goes on from the row under its name
     * (an operator's reset, a rebuild's swap). Run under the subscription's exclusive lock.
     */
    static void forgetPartitions(Connection c, String subscription) throws SQLException {
        // only name#<number>: a rebuild's checkpoint (name#rebuild) is not a partition's
        Jdbc.update(
                c,
                "DELETE FROM eventstore.checkpoints WHERE starts_with(subscription, ? || '#')"
                        + " AND substr(subscription, length(?) + 2) ~ '^[0-9]+$'",
                ps -> {
                    ps.setString(1, subscription);
                    ps.setString(2, subscription);
                });
    }

    static void save(Connection c, String subscription, LogPosition position) throws SQLException {
        Jdbc.update(c, SAVE, ps -> bind(ps, 1, subscription, position));
    }

    /** Saves as the owner of {@code lease}, checked in the same statement; false when the lease is no longer its. */
    static boolean saveFenced(Connection c, Lease lease, String subscription, LogPosition position)
            throws SQLException {
        return Jdbc.update(c, SAVE_FENCED, ps -> {
                    int next = PostgresLeases.bindLease(ps, 1, lease);
                    bind(ps, next, subscription, position);
                })
                > 0;
    }

    /**
     * Saves the checkpoints of several partitions of one subscription held by one owner, each checked against its own
     * lease, in one statement; answers the keys saved (a save whose lease was taken over is left out).
     */
    static Set<String> saveAllFenced(Connection c, List<FencedSave> saves) throws SQLException {
        Lease any = saves.get(0).lease();
        int size = saves.size();
        var partitions = new Integer[size];
        var tokens = new Long[size];
        var keys = new String[size];
        var transactions = new String[size];
        var positions = new Long[size];
        for (int i = 0; i < size; i++) {
            FencedSave save = saves.get(i);
            if (!save.lease().subscription().equals(any.subscription())
                    || !save.lease().owner().equals(any.owner())) {
                throw new IllegalArgumentException("one statement saves one owner's partitions of one subscription");
            }
            partitions[i] = save.lease().partition();
            tokens[i] = save.lease().token();
            keys[i] = save.subscription();
            transactions[i] = Long.toString(save.position().transaction());
            positions[i] = save.position().position();
        }
        return new HashSet<>(Jdbc.query(
                c,
                SAVE_ALL_FENCED,
                ps -> {
                    ps.setArray(1, c.createArrayOf("int4", partitions));
                    ps.setArray(2, c.createArrayOf("int8", tokens));
                    ps.setString(3, any.subscription());
                    ps.setString(4, any.owner());
                    ps.setArray(5, c.createArrayOf("int4", partitions));
                    ps.setArray(6, c.createArrayOf("text", keys));
                    ps.setArray(7, c.createArrayOf("text", transactions));
                    ps.setArray(8, c.createArrayOf("int8", positions));
                },
                rs -> rs.getString(1)));
    }

    private static void bind(PreparedStatement ps, int first, String subscription, LogPosition position)
            throws SQLException {
        ps.setString(first, subscription);
        ps.setString(first + 1, Long.toString(position.transaction()));
        ps.setLong(first + 2, position.position());
    }
}
