package org.bookworm.ordering.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord.Answer;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;

/**
 * Request ids on {@code eventstore.idempotency} (migrations V1, V6): a row is a claim ({@code claimed_until} set) or
 * an outcome ({@code outcome} set, written by the append function in the append's transaction). A claim is one
 * statement: it inserts the row, or takes over a claim that ran out, and returns nothing when the row is now the
 * caller's; otherwise the caller reads what holds the key. Claims and releases commit asynchronously: they write no
 * outcome, and a crash that loses one costs a retry a wait at most (V6).
 */
final class PostgresIdempotencyKeys implements IdempotencyKeys {
    private static final String ASYNC = "(SELECT set_config('synchronous_commit', 'off', true)) AS async";
    private static final String CLAIM = "INSERT INTO eventstore.idempotency AS held"
            + " (scope, key, request_hash, outcome, claimed_until, created_at)"
            + " SELECT ?, ?, ?, NULL, ?, ? FROM " + ASYNC
            + " ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
            + " claimed_until = EXCLUDED.claimed_until, created_at = EXCLUDED.created_at"
            + " WHERE held.claimed_until IS NOT NULL AND held.claimed_until <= EXCLUDED.created_at"
            + " RETURNING true";
    private static final String RELEASE = "DELETE FROM eventstore.idempotency WHERE scope = ? AND key = ?"
            + " AND claimed_until = ? AND request_hash = ? AND created_at = ?"
            + " AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL";
    private static final String FIND = "SELECT scope, key, request_hash, outcome, claimed_until, created_at"
            + " FROM eventstore.idempotency WHERE scope = ? AND key = ?";
    private static final String PURGE = "DELETE FROM eventstore.idempotency WHERE created_at < ?";

    private final DataSource dataSource;

    PostgresIdempotencyKeys(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        if (!(claim.answer() instanceof Answer.InFlight inFlight)) {
            throw new IllegalArgumentException("a claim is an in-flight record, not " + claim.answer());
        }
        while (true) {
            boolean claimed = Jdbc.withConnection(
                    dataSource,
                    "claim a request id",
                    c -> !Jdbc.query(
                                    c,
                                    CLAIM,
                                    ps -> {
                                        ps.setString(1, claim.scope());
                                        ps.setString(2, claim.key());
                                        ps.setString(3, claim.requestHash());
                                        ps.setTimestamp(4, Timestamp.from(inFlight.until()));
                                        ps.setTimestamp(5, Timestamp.from(claim.createdAt()));
                                    },
                                    rs -> true)
                            .isEmpty());
            if (claimed) {
                return Optional.empty();
            }
            Optional<IdempotencyRecord> held = find(claim.scope(), claim.key());
            if (held.isPresent()) {
                return held;
            }
            // released between the two statements: the key is free again, claim it
        }
    }

    @Override
    public void release(IdempotencyRecord claim) {
        if (!(claim.answer() instanceof Answer.InFlight inFlight)) {
            return; // an outcome is never released
        }
        Jdbc.withConnection(
                dataSource,
                "release a request id",
                c -> Jdbc.update(c, RELEASE, ps -> {
                    ps.setString(1, claim.scope());
                    ps.setString(2, claim.key());
                    ps.setTimestamp(3, Timestamp.from(inFlight.until()));
                    ps.setString(4, claim.requestHash());
                    ps.setTimestamp(5, Timestamp.from(claim.createdAt()));
                }));
    }

    @Override
    public Optional<IdempotencyRecord> find(String scope, String key) {
        List<IdempotencyRecord> rows = Jdbc.withConnection(
                dataSource,
                "find a request id",
                c -> Jdbc.query(
                        c,
                        FIND,
                        ps -> {
                            ps.setString(1, scope);
                            ps.setString(2, key);
                        },
                        PostgresIdempotencyKeys::read));
        return rows.stream().findFirst();
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        return Jdbc.withConnection(
                dataSource,
                "purge request ids",
                c -> Jdbc.update(c, PURGE, ps -> ps.setTimestamp(1, Timestamp.from(cutoff))));
    }

    /** The outcome column's text for a done record: {@code done <stream> <version>}, as V1 rows have it. */
    static @Nullable String outcomeText(@Nullable IdempotencyRecord record) {
        if (record == null) {
            return null;
        }
        if (!(record.answer() instanceof Answer.Done done)) {
            throw new IllegalArgumentException("an append stores a done record, not " + record.answer());
        }
        return "done " + done.stream() + " " + done.version();
    }

    private static IdempotencyRecord read(ResultSet rs) throws SQLException {
        Timestamp claimedUntil = rs.getTimestamp("claimed_until");
        Answer answer =
                claimedUntil != null ? new Answer.InFlight(claimedUntil.toInstant()) : done(rs.getString("outcome"));
        return new IdempotencyRecord(
                rs.getString("scope"),
                rs.getString("key"),
                rs.getString("request_hash"),
                answer,
                rs.getTimestamp("created_at").toInstant());
    }

    private static Answer done(String outcome) {
        String[] parts = outcome.split(" ");
        if (parts.length != 3 || !parts[0].equals("done")) {
            throw new IllegalStateException("a stored request outcome cannot be read: " + outcome);
        }
        return new Answer.Done(StreamId.parse(parts[1]), Long.parseLong(parts[2]));
    }
}
