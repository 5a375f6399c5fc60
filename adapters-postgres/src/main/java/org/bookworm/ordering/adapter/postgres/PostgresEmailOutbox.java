package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail outbox: one row per (order, kind), enforced by a unique constraint, so a redelivered event never makes a
 * second e-mail. Every state change is one guarded statement ({@code WHERE status = 'PENDING'}), hence atomic; a claim
 * takes its due rows (a batch, ADR 0050) with {@code FOR UPDATE SKIP LOCKED}, so racing deliverers take different
 * rows. An admin request inserts its key first in the same transaction as its work: a racing twin waits on that insert
 * and then reads the stored answer.
 *
 * <p>A claim names its process ({@code owner}: the n of the process's {@link ClaimOwnerLock}, V16, ADR 0039), the
 * lock that also names its request-id claims (ADR 0036). The claim statement takes over a row whose claim ran out or
 * whose owner's lock no session holds (a try of the lock's shared form succeeds only then), so the e-mail of a process
 * killed mid-send goes out at the next round of another process's deliverer. It first checks its own lock the same
 * way, never claiming under a lock this process lost ("lost": it claims again under a new one). A failed attempt is
 * recorded only under the claim's owner (or on a row nobody claims); a sent mark is recorded by whoever sent first.
 */
final class PostgresEmailOutbox implements EmailOutbox {
    private static final String TABLE = "notification.email_outbox";
    private static final String COLUMNS = "id, email::text, status, attempts, created_at, next_attempt_at,"
            + " retrying_since, claimed_until, sent_at, last_error";
    private static final String ENQUEUE = "INSERT INTO " + TABLE + " (id, order_id, kind, email, status, attempts,"
            + " created_at, next_attempt_at, retrying_since, last_error) VALUES (?, ?, ?, ?::jsonb, ?, 0, ?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING";
    private static final String FIND = "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE order_id = ? AND kind = ?";
    // One statement: check this process's own lock (a shared try fails while its session holds it), then take up to
    // the limit of due rows whose claim ran out or whose owner's lock no session holds (ADR 0050: a batch; ARRAY()
    // runs the locking subquery once); at least one row back, alive false when this process's lock was lost (nothing
    // written), a null id when nothing is due. The lock class is a constant.
    private static final String CLAIM = "WITH me AS MATERIALIZED (SELECT NOT " + ClaimOwnerLock.gone("?")
            + " AS alive),"
            + " taken AS (UPDATE " + TABLE + " SET claimed_until = ?, owner = ? WHERE id = ANY (ARRAY(SELECT id FROM "
            + TABLE + " WHERE (SELECT alive FROM me) AND status = 'PENDING' AND next_attempt_at <= ? AND"
            + " (claimed_until IS NULL OR claimed_until <= ? OR owner IS NOT NULL AND " + ClaimOwnerLock.gone("owner")
            + ") ORDER BY next_attempt_at, created_at LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING " + COLUMNS + ")"
            + " SELECT me.alive, taken.* FROM me LEFT JOIN taken ON true"
            + " ORDER BY taken.next_attempt_at, taken.created_at";
    // only this process's claims of rows not attempted: another's claim, or a finished row, is left alone
    private static final String UNCLAIM = "UPDATE " + TABLE + " SET claimed_until = NULL, owner = NULL"
            + " WHERE id = ANY (?::uuid[]) AND status = 'PENDING' AND owner = ?";
    // whoever sent first records it, once: a sender that lost its claim did send, and says so
    private static final String SENT = "UPDATE " + TABLE + " SET status = 'SENT', attempts = attempts + 1,"
            + " sent_at = ?, claimed_until = NULL, owner = NULL WHERE id = ? AND status = 'PENDING'";
    // only under the claim's owner, or on a row nobody claims: a lost claim's failure must not end its successor's
    private static final String FAILED = "UPDATE " + TABLE + " SET attempts = attempts + 1, last_error = ?,"
            + " claimed_until = NULL, owner = NULL,"
            + " status = CASE WHEN ?::bigint IS NULL THEN 'DEAD' ELSE 'PENDING' END,"
            + " next_attempt_at = coalesce(?::bigint, next_attempt_at) WHERE id = ? AND status = 'PENDING'"
            + " AND (owner IS NULL OR owner = ?)";
    // a dead row is held by no one; a pending one in flight keeps its claim until its attempt is recorded
    private static final String REQUEUE = "UPDATE " + TABLE + " SET status = 'PENDING', next_attempt_at = ?,"
            + " retrying_since = ? WHERE (status = 'DEAD' OR (status = 'PENDING' AND last_error IS NOT NULL))"
            + " AND (cardinality(?::uuid[]) = 0 OR id = ANY (?::uuid[]))";
    private static final String PURGE = "DELETE FROM " + TABLE
            + " WHERE (status = 'SENT' AND sent_at < ?) OR (status = 'UNSENDABLE' AND created_at < ?)";
    private static final String FORGET_REQUESTS =
            "DELETE FROM notification.admin_requests WHERE created_at < ? AND NOT (scope = ? AND key = ?)";
    private static final String CLAIM_REQUEST = "INSERT INTO notification.admin_requests (scope, key, request_hash,"
            + " answer, created_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING";
    private static final String STORED_REQUEST =
            "SELECT request_hash, answer FROM notification.admin_requests WHERE scope = ? AND key = ?";
    private static final String ANSWER_REQUEST =
            "UPDATE notification.admin_requests SET answer = ? WHERE scope = ? AND key = ?";

    @FunctionalInterface
    private interface Work {
        int run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final ObjectMapper json;
    private final ClaimOwnerLock owner;

    /** The outbox on {@code dataSource}, claiming in the name of {@code owner}, this process's lock. */
    PostgresEmailOutbox(DataSource dataSource, ObjectMapper json, ClaimOwnerLock owner) {
        this.dataSource = dataSource;
        this.json = json;
        this.owner = owner;
    }

    @Override
    public boolean enqueue(UUID id, Email email, Instant at) {
        String text = write(email);
        return Jdbc.withConnection(
                        dataSource,
                        "enqueue an e-mail",
                        c -> Jdbc.update(c, ENQUEUE, ps -> {
                            ps.setObject(1, id);
                            ps.setObject(2, email.order().value());
                            ps.setString(3, email.kind().name());
                            ps.setString(4, text);
                            ps.setString(5, email.sendable() ? "PENDING" : "UNSENDABLE");
                            ps.setLong(6, Nanos.of(at));
                            ps.setLong(7, Nanos.of(at));
                            ps.setLong(8, Nanos.of(at));
                            ps.setString(9, email.sendable() ? null : "the buyer has no e-mail address");
                        }))
                == 1;
    }

    @Override
    public Optional<Row> find(OrderId order, EmailKind kind) {
        return first("find an e-mail", FIND, ps -> {
            ps.setObject(1, order.value());
            ps.setString(2, kind.name());
        });
    }

    @Override
    public List<Row> claimDue(Instant now, Instant leaseUntil, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a claim takes at least one row, not " + limit);
        }
        // ClaimOwnerLock.claiming makes the claim again under a new lock when the statement found this one lost (null)
        return owner.claiming(
                "claim due e-mails",
                me -> Jdbc.withConnection(dataSource, "claim due e-mails", c -> {
                    List<Optional<Row>> rows = Jdbc.query(
                            c,
                            CLAIM,
                            ps -> {
                                ps.setInt(1, me);
                                ps.setLong(2, Nanos.of(leaseUntil));
                                ps.setInt(3, me);
                                ps.setLong(4, Nanos.of(now));
                                ps.setLong(5, Nanos.of(now));
                                ps.setInt(6, limit);
                            },
                            rs -> rs.getBoolean("alive")
                                    ? Optional.ofNullable(rs.getObject("id") == null ? null : row(rs))
                                    : null);
                    // the lock lost shows on every row (me is one row): null asks for the claim again
                    return rows.isEmpty() || rows.get(0) == null
                            ? null
                            : rows.stream().flatMap(Optional::stream).toList();
                }));
    }

    @Override
    public void unclaim(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Jdbc.withConnection(
                dataSource,
                "give back e-mail claims",
                c -> Jdbc.update(c, UNCLAIM, ps -> {
                    ps.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                    ps.setInt(2, owner.held());
                }));
    }

    @Override
    public void markSent(UUID id, Instant at) {
        Jdbc.withConnection(
                dataSource,
                "mark an e-mail sent",
                c -> Jdbc.update(c, SENT, ps -> {
                    ps.setLong(1, Nanos.of(at));
                    ps.setObject(2, id);
                }));
    }

    @Override
    public void markFailed(UUID id, String error, @Nullable Instant retryAt) {
        Jdbc.withConnection(
                dataSource,
                "mark an e-mail failed",
                c -> Jdbc.update(c, FAILED, ps -> {
                    ps.setString(1, error.replace('\u0000', '?'));
                    if (retryAt == null) {
                        ps.setNull(2, Types.BIGINT);
                        ps.setNull(3, Types.BIGINT);
                    } else {
                        ps.setLong(2, Nanos.of(retryAt));
                        ps.setLong(3, Nanos.of(retryAt));
                    }
                    ps.setObject(4, id);
                    ps.setInt(5, owner.held());
                }));
    }

    @Override
    public Answer requeueFailed(AdminRequest request, List<UUID> only) {
        return once(
                request,
                "resend failed e-mails",
                c -> Jdbc.update(c, REQUEUE, ps -> {
                    var ids = c.createArrayOf("uuid", only.toArray());
                    ps.setLong(1, Nanos.of(request.at()));
                    ps.setLong(2, Nanos.of(request.at()));
                    ps.setArray(3, ids);
                    ps.setArray(4, ids);
                }));
    }

    @Override
    public Answer purgeBefore(AdminRequest request, Instant cutoff) {
        return once(request, "clean up sent e-mails", c -> purge(c, cutoff, request.scope(), request.key()));
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return Jdbc.inTransaction(dataSource, "clean up sent e-mails", c -> purge(c, cutoff, "", ""));
    }

    private static int purge(Connection c, Instant cutoff, String keepScope, String keepKey) throws SQLException {
        Jdbc.update(c, FORGET_REQUESTS, ps -> {
            ps.setLong(1, Nanos.of(cutoff));
            ps.setString(2, keepScope);
            ps.setString(3, keepKey);
        });
        return Jdbc.update(c, PURGE, ps -> {
            ps.setLong(1, Nanos.of(cutoff));
            ps.setLong(2, Nanos.of(cutoff));
        });
    }

    /** Claims the request's key, does the work and stores its answer, in one transaction; a known key answers. */
    private Answer once(AdminRequest request, String what, Work work) {
        return Jdbc.inTransaction(dataSource, what, c -> {
            int claimed = Jdbc.update(c, CLAIM_REQUEST, ps -> {
                ps.setString(1, request.scope());
                ps.setString(2, request.key());
                ps.setString(3, request.requestHash());
                ps.setLong(4, Nanos.of(request.at()));
            });
            if (claimed == 0) {
                return Jdbc.query(
                                c,
                                STORED_REQUEST,
                                ps -> keyOf(ps, request, 1),
                                rs -> new Answer(rs.getString(1), rs.getInt(2)))
                        .get(0);
            }
            int count = work.run(c);
            Jdbc.update(c, ANSWER_REQUEST, ps -> {
                ps.setInt(1, count);
                keyOf(ps, request, 2);
            });
            return new Answer(request.requestHash(), count);
        });
    }

    private static void keyOf(java.sql.PreparedStatement ps, AdminRequest request, int from) throws SQLException {
        ps.setString(from, request.scope());
        ps.setString(from + 1, request.key());
    }

    private Optional<Row> first(String what, String sql, Jdbc.Binder binder) {
        return Jdbc.withConnection(
                dataSource,
                what,
                c -> Jdbc.query(c, sql, binder, this::row).stream().findFirst());
    }

    private Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                read(rs.getString("email")),
                Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Nanos.instant(rs.getLong("created_at")),
                Nanos.instant(rs.getLong("next_attempt_at")),
                Nanos.instant(rs.getLong("retrying_since")),
                instantOrNull(rs, "claimed_until"),
                instantOrNull(rs, "sent_at"),
                rs.getString("last_error"));
    }

    private static @Nullable Instant instantOrNull(ResultSet rs, String column) throws SQLException {
        long nanos = rs.getLong(column);
        return rs.wasNull() ? null : Nanos.instant(nanos);
    }

    private String write(Email email) {
        try {
            return json.writeValueAsString(email);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("cannot write an e-mail", impossible);
        }
    }

    private Email read(String text) {
        try {
            return json.readValue(text, Email.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored e-mail cannot be read", unreadable);
        }
    }
}
