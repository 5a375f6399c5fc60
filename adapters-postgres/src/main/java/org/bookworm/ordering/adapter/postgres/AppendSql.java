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
 * A lone append in autocommit takes one plain statement first (ADR 0053); the function answers whatever that
 * statement does not write.
 */
final class AppendSql {
    static final String NOTIFY_CHANNEL = "eventstore_events";
    /** SQLSTATE raised by the function when an append's event ids are stored elsewhere: a bug in the caller. */
    static final String IDS_STORED_ELSEWHERE = "BW001";

    private static final String UNIQUE_VIOLATION = "23505";

    private static final String CURRENT_VERSION =
            "SELECT coalesce(max(version), 0) FROM eventstore.events" + " WHERE stream_type = ? AND stream_id = ?";
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
        var arrays = new AppendArrays(codec, List.of(request));
        if (arrays.plain() && c.getAutoCommit() && writtenPlainly(c, arrays)) {
            return request.expectedVersion() + request.events().size();
        }
        List<Object> answers;
        try {
            answers = appendAll(c, arrays, List.of(request));
        } catch (SQLException error) {
            ConcurrencyConflict conflict =
                    SqlErrors.versionConflict(error, request.stream(), request.expectedVersion());
            if (conflict != null) {
                throw conflict;
            }
            if (IDS_STORED_ELSEWHERE.equals(error.getSQLState())) {
                throw new IllegalStateException("event ids of this append to " + request.stream()
                        + " were stored before at other places: a bug in the caller, nothing written");
            }
            throw error;
        }
        if (answers.get(0) instanceof RuntimeException refused) {
            throw refused;
        }
        return (Long) answers.get(0);
    }

    /**
     * The appends in order, in one round trip: each one's new version (a {@code Long}) or the exception that answers
     * it. Throws when the call failed as a whole (a racing writer's unique violation, ids stored elsewhere, the
     * connection): nothing of it is written then, and each append must be tried alone to get its own answer.
     */
    List<Object> appendAll(Connection c, List<AppendRequest> requests) throws SQLException {
        return appendAll(c, new AppendArrays(codec, requests), requests);
    }

    /**
     * ADR 0053: a lone append in autocommit is first one statement ({@link AppendArrays#plainStatement()}): its
     * version checked, its key claimed, its events inserted and its saga's deadlines written or completed, without a
     * call of the function and without the stream's lock. True when it wrote every event. False when it wrote nothing
     * and the function must answer: the stream is not at the expected version (a conflict, or a retry of an append
     * that committed), the key is taken or was claimed by this request before, or a unique violation (another
     * writer's version committed after this statement's snapshot, or the event ids are stored). The statement writes
     * all its events or none, and in autocommit a failed one leaves nothing behind.
     */
    private static boolean writtenPlainly(Connection c, AppendArrays arrays) throws SQLException {
        long written;
        try (PreparedStatement ps = c.prepareStatement(arrays.plainStatement())) {
            arrays.bindPlain(c, ps);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                written = rs.getLong(1);
            }
        } catch (SQLException refused) {
            if (UNIQUE_VIOLATION.equals(refused.getSQLState())) {
                return false;
            }
            throw refused;
        }
        if (written != 0 && written != arrays.events()) {
            throw new IllegalStateException("the plain append wrote " + written + " of " + arrays.events() + " events");
        }
        return written != 0;
    }

    private List<Object> appendAll(Connection c, AppendArrays arrays, List<AppendRequest> requests)
            throws SQLException {
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
