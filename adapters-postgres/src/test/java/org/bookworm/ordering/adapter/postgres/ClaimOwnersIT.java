package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request id claimed by a process that dies mid-request (ADR 0036): the claim names its process's owner lock, a
 * session advisory lock on a connection of its own, so the next request with that id, in another process, takes the
 * claim over as soon as PostgreSQL has ended the dead process's session, instead of answering "in progress" until the
 * claim's one-minute lease runs out (the kill test of issue 15 failed on exactly that).
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ClaimOwnersIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static final String HASH = "hash-of-the-request";
    /** Far inside the claim's one-minute lease: only the owner's death can free the claim that fast. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @Test
    void the_claim_of_a_process_killed_with_sigkill_is_taken_over_at_once_by_another_process() throws Exception {
        Process child = pg.childJvm(ClaimChild.class, "buyer-killed", "req-1");
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child's claim").isEqualTo(ClaimChild.CLAIMED);
            assertThat(pg.adapters().idempotencyKeys().claim(claim("buyer-killed", "req-1")))
                    .as("the claim of the child, alive")
                    .map(IdempotencyRecord::requestHash)
                    .contains(HASH);

            child.destroyForcibly(); // SIGKILL: the child's session ends with its socket
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            IdempotencyRecord mine = takeOver(pg.adapters().idempotencyKeys(), "buyer-killed", "req-1");

            Duration handoff = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf(
                    "ClaimOwnersIT: claim taken over %.1f ms after the child's exit%n", handoff.toNanos() / 1e6);
            assertThat(handoff).as("from the kill to the takeover").isLessThan(AT_ONCE);
            assertThat(pg.adapters().idempotencyKeys().find("buyer-killed", "req-1"))
                    .contains(mine);
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void a_process_whose_lock_session_is_ended_takes_a_new_key_its_old_claims_are_free_and_its_new_ones_hold()
            throws Exception {
        try (var other = PostgresAdapters.start(pg.db().config())) {
            assertThat(other.idempotencyKeys().claim(claim("buyer-cut", "req-1")))
                    .isEmpty();
            int before = ownerOf("buyer-cut", "req-1");

            terminateTheSessionHolding(before); // as a restart of PostgreSQL or a cut connection would

            assertThat(pg.adapters().idempotencyKeys().claim(claim("buyer-cut", "req-1")))
                    .as("the claim whose owner's session is gone is taken over")
                    .isEmpty();
            assertThat(other.idempotencyKeys().claim(claim("buyer-cut", "req-2")))
                    .as("the process claims again, under a new key")
                    .isEmpty();
            assertThat(ownerOf("buyer-cut", "req-2")).isNotEqualTo(before);
            assertThat(pg.adapters().idempotencyKeys().claim(claim("buyer-cut", "req-2")))
                    .as("and its new claim holds against another process")
                    .isPresent();
        }
    }

    @Test
    void closing_the_adapters_frees_their_claims_at_once() {
        var other = PostgresAdapters.start(pg.db().config());
        assertThat(other.idempotencyKeys().claim(claim("buyer-closed", "req-1")))
                .isEmpty();

        other.close();

        assertThat(pg.adapters().idempotencyKeys().claim(claim("buyer-closed", "req-1")))
                .isEmpty();
    }

    /** Claims the key until it is granted, for at most {@link #AT_ONCE}; the claim this process holds then. */
    private static IdempotencyRecord takeOver(IdempotencyKeys keys, String scope, String key) throws Exception {
        long deadline = System.nanoTime() + AT_ONCE.toNanos();
        while (true) {
            IdempotencyRecord mine = claim(scope, key);
            Optional<IdempotencyRecord> held = keys.claim(mine);
            if (held.isEmpty()) {
                return mine;
            }
            assertThat(System.nanoTime())
                    .as("still held by " + held.get() + " " + AT_ONCE + " after the kill")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A claim made now, held for one minute, as {@code RequestClaims} makes them. */
    private static IdempotencyRecord claim(String scope, String key) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return IdempotencyRecord.inFlight(scope, key, HASH, now, now.plus(Duration.ofMinutes(1)));
    }

    private static int ownerOf(String scope, String key) throws Exception {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT owner FROM eventstore.idempotency WHERE scope = '" + scope
                        + "' AND key = '" + key + "'")) {
            assertThat(rs.next()).as("a claim of " + key).isTrue();
            return rs.getInt(1);
        }
    }

    private static void terminateTheSessionHolding(int owner) throws Exception {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid, 5000) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND classid = " + ClaimOwnerLock.LOCK_CLASS
                        + " AND objid = " + owner + " AND objsubid = 2 AND granted")) {
            assertThat(rs.next()).as("the session holding owner " + owner).isTrue();
            assertThat(rs.getBoolean(1)).as("terminated").isTrue();
        }
    }
}
