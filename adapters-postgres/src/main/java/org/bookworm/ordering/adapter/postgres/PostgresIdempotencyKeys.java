package org.bookworm.ordering.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord.Answer;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * Request ids on {@code eventstore.idempotency} (migrations V1, V6, V9, V15): a row is a claim ({@code claimed_until}
 * set) or an outcome (the stream and version of the append that answered the request, in typed columns written by the
 * append function in the append's transaction). A claim is one statement: it inserts the row, or takes over a claim
 * that ran out or whose process is gone, and otherwise answers what holds the key, so a request id is looked up once.
 * Claims and releases commit asynchronously: they write no outcome, and a crash that loses one costs a retry a wait at
 * most (V6).
 *
 * <p>A claim names its process ({@code owner}: the n of the {@link ClaimOwnerLock} it holds, V15, ADR 0036). The
 * statement takes over another process's claim when that process's lock is gone: a try of the lock's shared form
 * succeeds only when no session holds it. It first checks its own lock the same way, so it never writes a claim under
 * a lock this process lost; then it answers "lost", and the claim is made again under a new lock.
 */
final class PostgresIdempotencyKeys implements IdempotencyKeys {
    private static final String COLUMNS =
            "scope, key, request_hash, outcome_stream_type, outcome_stream_id, outcome_version, claimed_until, created_at";
    private static final String ASYNC = "(SELECT set_config('synchronous_commit', 'off', true)) AS async";
    // One statement: check this process's own lock (a shared try fails while its session holds it), then take the key
    // (insert it, or take over a claim that ran out or whose owner's lock no session holds), else read what holds it.
    // The read sees the statement's snapshot: a holder committed after it started is not seen, and the claim is tried
    // again. The lock class is a constant, not input.
    private static final String CLAIM =
            "WITH me AS MATERIALIZED (SELECT NOT " + ClaimOwnerLock.gone("?") + " AS alive),"
                    + " mine AS (INSERT INTO eventstore.idempotency AS held"
                    + " (scope, key, request_hash, claimed_until, created_at, owner)"
                    + " SELECT ?, ?, ?, ?, ?, ? FROM me, " + ASYNC + " WHERE me.alive"
                    + " ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash,"
                    + " claimed_until = EXCLUDED.claimed_until, created_at = EXCLUDED.created_at, owner = EXCLUDED.owner"
                    + " WHERE held.claimed_until IS NOT NULL AND (held.claimed_until <= EXCLUDED.created_at"
                    + " OR held.owner IS NOT NULL AND " + ClaimOwnerLock.gone("held.owner") + ")"
                    + " RETURNING true)"
                    + " SELECT 'mine' AS answer, NULL AS scope, NULL AS key, NULL AS request_hash, NULL AS outcome_stream_type,"
                    + " NULL::uuid AS outcome_stream_id, NULL::bigint AS outcome_version,"
                    + " NULL::timestamptz AS claimed_until, NULL::timestamptz AS created_at FROM mine"
                    + " UNION ALL SELECT 'held', " + COLUMNS
                    + " FROM eventstore.idempotency, me"
                    + " WHERE me.alive AND scope = ? AND key = ? AND NOT EXISTS (SELECT FROM mine)"
                    + " UNION ALL SELECT 'lost', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM me WHERE NOT me.alive";
    private static final String RELEASE = "DELETE FROM eventstore.idempotency WHERE scope = ? AND key = ?"
            + " AND claimed_until = ? AND request_hash = ? AND created_at = ?"
            + " AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL";
    private static final String FIND = "SELECT " + COLUMNS + " FROM eventstore.idempotency WHERE scope = ? AND key = ?";
    private static final String PURGE = "DELETE FROM eventstore.idempotency WHERE created_at < ?";

    private final DataSource dataSource;
    private final ClaimOwnerLock owner;

    /** Request ids on {@code dataSource}, claimed in the name of {@code owner}, this process's lock. */
    PostgresIdempotencyKeys(DataSource dataSource, ClaimOwnerLock owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    /** What the claim statement answered: the key is mine, or held by the record (lost lock: no answer, null). */
    private sealed interface Claimed {
        record Mine() implements Claimed {}

        record Held(IdempotencyRecord record) implements Claimed {}
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        if (!(claim.answer() instanceof Answer.InFlight inFlight)) {
            throw new IllegalArgumentException("a claim is an in-flight record, not " + claim.answer());
        }
        // ClaimOwnerLock.claiming makes the claim again under a new lock when the statement found this one lost (null)
        Claimed answer = owner.claiming("claim a request id", me -> {
            while (true) {
                List<@Nullable Claimed> answers = Jdbc.withConnection(
                        dataSource,
                        "claim a request id",
                        c -> Jdbc.query(
                                c,
                                CLAIM,
                                ps -> {
                                    ps.setInt(1, me);
                                    ps.setString(2, claim.scope());
                                    ps.setString(3, claim.key());
                                    ps.setString(4, claim.requestHash());
                                    ps.setTimestamp(5, Timestamp.from(inFlight.until()));
                                    ps.setTimestamp(6, Timestamp.from(claim.createdAt()));
                                    ps.setInt(7, me);
                                    ps.setString(8, claim.scope());
                                    ps.setString(9, claim.key());
                                },
                                rs -> switch (rs.getString("answer")) {
                                    case "mine" -> new Claimed.Mine();
                                    case "lost" -> null;
                                    default -> new Claimed.Held(read(rs));
                                }));
                if (!answers.isEmpty()) {
                    return answers.get(0);
                }
                // held by a request that committed after this statement began, or released meanwhile: ask again
            }
        });
        return switch (answer) {
            case Claimed.Mine mine -> Optional.empty();
            case Claimed.Held held -> Optional.of(held.record());
        };
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

    /** The outcome an append stores with its events, typed as the stream and version it names (V9). */
    static IdempotencyRecord.Answer.@Nullable Done outcomeOf(@Nullable IdempotencyRecord record) {
        if (record == null) {
            return null;
        }
        if (!(record.answer() instanceof Answer.Done done)) {
            throw new IllegalArgumentException("an append stores a done record, not " + record.answer());
        }
        return done;
    }

    private static IdempotencyRecord read(ResultSet rs) throws SQLException {
        Timestamp claimedUntil = rs.getTimestamp("claimed_until");
        Answer answer = claimedUntil != null
                ? new Answer.InFlight(claimedUntil.toInstant())
                : new Answer.Done(
                        StreamId.of(
                                StreamType.of(rs.getString("outcome_stream_type")),
                                rs.getObject("outcome_stream_id", UUID.class)),
                        rs.getLong("outcome_version"));
        return new IdempotencyRecord(
                rs.getString("scope"),
                rs.getString("key"),
                rs.getString("request_hash"),
                answer,
                rs.getTimestamp("created_at").toInstant());
    }
}
