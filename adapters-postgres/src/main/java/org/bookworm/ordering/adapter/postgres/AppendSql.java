package org.bookworm.ordering.adapter.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.StreamId;

/**
 * Appends through {@code eventstore.append_batch} (migration V3, RELIABILITY.md section 2): claim the key, insert the
 * events at {@code expected+1 .. expected+n} with the only allowed {@code ON CONFLICT}, the one on {@code event_id},
 * and recognise a retried append by its event ids, all on the server in one round trip. Never {@code ON CONFLICT} on
 * the version constraint: a second writer fails with a unique violation, which becomes {@link ConcurrencyConflict}.
 */
final class AppendSql {
    static final String NOTIFY_CHANNEL = "eventstore_events";
    /** SQLSTATE raised by the function when an append's event ids are stored elsewhere: a bug in the caller. */
    static final String IDS_STORED_ELSEWHERE = "BW001";

    private static final String CURRENT_VERSION =
            "SELECT coalesce(max(version), 0) FROM eventstore.events" + " WHERE stream_type = ? AND stream_id = ?";
    /**
     * One append in two statements: its stream's lock (the key {@code append_batch} uses, V10), then, under a snapshot
     * taken after the lock, the whole append set-wise (issue 14, ADR 0038). It answers with {@code append_batch}'s
     * codes; an event id stored elsewhere fails it on the {@code event_id} constraint, so nothing of it is kept.
     * {@code AppendBatchEquivalenceIT} holds its answers to {@code append_batch}'s.
     */
    static final String LONE = "SELECT pg_advisory_xact_lock(hashtextextended(?::text || '-' || ?::uuid::text, 14));\n"
            + "WITH a AS (SELECT ?::text AS t, ?::uuid AS id, ?::int AS expected, ?::int AS n,"
            + " ?::text AS ks, ?::text AS kv, ?::text AS kh, ?::text AS kt, ?::uuid AS kid, ?::bigint AS kver,"
            + " ?::text AS kc),\n"
            + "ev AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[])"
            + " WITH ORDINALITY AS u(id, type, sv, data, meta, o)),\n"
            + "cur AS (SELECT coalesce(max(e.version), 0) AS v FROM eventstore.events e, a"
            + " WHERE e.stream_type = a.t AND e.stream_id = a.id),\n"
            + "claim AS (INSERT INTO eventstore.idempotency AS held (scope, key, request_hash, outcome_stream_type,"
            + " outcome_stream_id, outcome_version, created_at)"
            + " SELECT a.ks, a.kv, a.kh, a.kt, a.kid, a.kver, a.kc::timestamptz FROM a, cur"
            + " WHERE cur.v = a.expected AND a.kv IS NOT NULL"
            + " ON CONFLICT (scope, key) DO UPDATE SET outcome_stream_type = EXCLUDED.outcome_stream_type,"
            + " outcome_stream_id = EXCLUDED.outcome_stream_id, outcome_version = EXCLUDED.outcome_version,"
            + " claimed_until = NULL, created_at = EXCLUDED.created_at"
            + " WHERE held.claimed_until IS NOT NULL AND held.request_hash = EXCLUDED.request_hash"
            + " RETURNING 1),\n"
            + "go AS (SELECT cur.v = a.expected AND (a.kv IS NULL OR EXISTS (SELECT 1 FROM claim)) AS ok FROM a, cur),\n"
            + "ins AS (INSERT INTO eventstore.events (stream_type, stream_id, version, event_id, type, schema_version,"
            + " data, metadata)"
            + " SELECT a.t, a.id, a.expected + ev.o, ev.id, ev.type, ev.sv, ev.data::json, ev.meta::json"
            + " FROM a, go, ev WHERE go.ok ORDER BY ev.o),\n"
            + "dl AS (INSERT INTO finance.saga_deadlines (order_id, step, due_at)"
            + " SELECT d.o, d.s, d.due FROM unnest(?::uuid[], ?::int[], ?::bigint[]) AS d(o, s, due), go WHERE go.ok"
            + " ON CONFLICT (order_id, step) DO NOTHING)\n"
            + "SELECT CASE WHEN cur.v <> a.expected THEN"
            + " CASE WHEN a.n > 0 AND (SELECT count(*) FROM eventstore.events e JOIN ev ON e.event_id = ev.id"
            + " WHERE e.stream_type = a.t AND e.stream_id = a.id AND e.version = a.expected + ev.o) = a.n"
            + " THEN 1 ELSE 2 END WHEN NOT go.ok THEN 3 ELSE 0 END FROM a, cur, go";

    private static final int APPENDED = 0;
    private static final int RETRIED = 1;
    private static final int CONFLICT = 2;
    private static final int KEY_TAKEN = 3;

    private final EventCodec codec;

    AppendSql(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * One append, in the caller's transaction or in autocommit: the stream's new version. Throws {@link
     * ConcurrencyConflict}, {@link IdempotencyKeyTaken}, or {@link IllegalStateException} for event ids stored
     * elsewhere; any of these leaves the caller's transaction as it was only when the refusal came as an answer, not
     * as an error (a racing writer's unique violation aborts it, as any failed statement does).
     */
    long append(Connection c, AppendRequest request) throws SQLException {
        Object answer;
        try {
            answer = appendLone(c, request);
        } catch (SQLException error) {
            ConcurrencyConflict conflict =
                    SqlErrors.versionConflict(error, request.stream(), request.expectedVersion());
            if (conflict != null) {
                throw conflict;
            }
            if (IDS_STORED_ELSEWHERE.equals(error.getSQLState()) || SqlErrors.isEventIdTaken(error)) {
                throw new IllegalStateException("event ids of this append to " + request.stream()
                        + " were stored before at other places: a bug in the caller, nothing written");
            }
            throw error;
        }
        if (answer instanceof RuntimeException refused) {
            throw refused;
        }
        return (Long) answer;
    }

    /**
     * A lone append as two statements sent in one round trip ({@link #LONE}): the stream's lock, then one set-wise
     * statement that checks the version, claims the key, inserts every event and its deadlines, and answers. Sent
     * together they run in one transaction (autocommit ends it at the round trip's end), so the lock is held until
     * the insert commits, as in {@code append_batch}.
     */
    private Object appendLone(Connection c, AppendRequest request) throws SQLException {
        var arrays = new AppendArrays(codec, List.of(request));
        int code;
        try (PreparedStatement ps = c.prepareStatement(LONE)) {
            arrays.bindLone(c, ps);
            ps.execute();
            if (!ps.getMoreResults()) {
                throw new IllegalStateException("the lone append answered nothing");
            }
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                code = rs.getInt(1);
            }
        }
        return answer(request, code);
    }

    /**
     * The appends in order, in one round trip: each one's new version (a {@code Long}) or the exception that answers
     * it. Throws when the call failed as a whole (a racing writer's unique violation, ids stored elsewhere, the
     * connection): nothing of it is written then, and each append must be tried alone to get its own answer.
     */
    List<Object> appendAll(Connection c, List<AppendRequest> requests) throws SQLException {
        var arrays = new AppendArrays(codec, requests);
        Integer[] codes;
        try (PreparedStatement ps = c.prepareStatement(AppendArrays.CALL)) {
            arrays.bind(c, ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array array = rs.getArray(1);
                codes = (Integer[]) array.getArray();
            }
        }
        var answers = new ArrayList<Object>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            answers.add(answer(requests.get(i), codes[i]));
        }
        return answers;
    }

    private static Object answer(AppendRequest request, int code) {
        return switch (code) {
            case APPENDED, RETRIED ->
                request.expectedVersion() + request.events().size();
            case CONFLICT -> new ConcurrencyConflict(request.stream(), request.expectedVersion());
            case KEY_TAKEN -> {
                var key = request.idempotency();
                yield new IdempotencyKeyTaken(key == null ? "" : key.scope(), key == null ? "" : key.key());
            }
            default -> throw new IllegalStateException("eventstore.append_batch answered " + code);
        };
    }

    static long currentVersion(Connection c, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT_VERSION)) {
            ps.setString(1, stream.type().prefix());
            ps.setObject(2, stream.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
