package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner.IdempotencyRequest;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord.Answer;
import org.jspecify.annotations.Nullable;

/**
 * The one path of a request id (RELIABILITY.md section 4, ADR 0018). The key is claimed once, before any work, in one
 * atomic step that also answers what holds it: a done request answers its stored outcome (or, with another request
 * hash, {@link IdempotencyKeyReused}); a request still in flight is waited for, at most {@link #wait}, then answered
 * the same way ({@link RequestInFlight} when it is not done by then); a free key runs the work under the claim. The
 * append that answers the work stores its outcome in place of the claim; a refusal or a failure releases the claim,
 * so a retry decides afresh. A claim outlives a dead process only until the store knows the process is gone (ADR 0036:
 * at once for a killed process on PostgreSQL), and by {@link #LEASE} at most.
 */
public final class RequestClaims {
    /** Longer than any call may run (the unary deadline cap is 30 s), so a live request never loses its claim. */
    static final Duration LEASE = Duration.ofSeconds(60);

    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(2).toNanos();
    private static final long LONGEST_PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    private final IdempotencyKeys keys;
    private final InstantSource clock;
    private final Duration wait;

    RequestClaims(IdempotencyKeys keys, InstantSource clock, Duration wait) {
        this.keys = keys;
        this.clock = clock;
        this.wait = wait;
    }

    /** A request id this call holds: the append that answers the work stores the outcome in its place. */
    public static final class Claim {
        private final IdempotencyRecord inFlight;
        private boolean answered;

        private Claim(IdempotencyRecord inFlight) {
            this.inFlight = inFlight;
        }

        /** The record to append with the events that leave {@code stream} at {@code version}. */
        IdempotencyRecord done(StreamId stream, long version, Instant now) {
            return IdempotencyRecord.done(
                    inFlight.scope(), inFlight.key(), inFlight.requestHash(), stream, version, now);
        }

        /** The key has its outcome stored (by this call's append, or by the request that took it over). */
        void answered() {
            answered = true;
        }
    }

    /** Runs {@code work} once per request id; without one, simply runs it (with no claim). */
    public <R> Outcome<R> once(@Nullable IdempotencyRequest request, Function<@Nullable Claim, Outcome<R>> work) {
        if (request == null) {
            return work.apply(null);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            // to the microsecond, as PostgreSQL keeps it, so a release finds its claim exactly
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            var mine = IdempotencyRecord.inFlight(
                    request.scope(), request.key(), request.requestHash(), now, now.plus(LEASE));
            Optional<IdempotencyRecord> held = keys.claim(mine);
            if (held.isEmpty()) {
                return runClaimed(new Claim(mine), work);
            }
            Outcome<R> stored = answerOf(held.get(), request);
            if (stored != null) {
                return stored;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new RequestInFlight(request.key());
            }
            pause(pause);
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    /** The stored outcome of the key, or null while its first request is still in flight. */
    private static <R> @Nullable Outcome<R> answerOf(IdempotencyRecord held, IdempotencyRequest request) {
        if (!held.requestHash().equals(request.requestHash())) {
            throw new IdempotencyKeyReused(request.key());
        }
        return switch (held.answer()) {
            case Answer.Done done -> new Outcome.Done<>(done.stream(), done.version());
            case Answer.InFlight inFlight -> null;
        };
    }

    /** The outcome stored by the request that took the key over while this one ran (a lease ran out). */
    <R> Outcome<R> answerTaken(Claim claim, RuntimeException taken) {
        claim.answered();
        IdempotencyRecord stored =
                keys.find(claim.inFlight.scope(), claim.inFlight.key()).orElseThrow(() -> taken);
        if (!(stored.answer() instanceof Answer.Done done)
                || !stored.requestHash().equals(claim.inFlight.requestHash())) {
            throw taken;
        }
        return new Outcome.Done<>(done.stream(), done.version());
    }

    private <R> Outcome<R> runClaimed(Claim claim, Function<@Nullable Claim, Outcome<R>> work) {
        Outcome<R> outcome;
        try {
            outcome = work.apply(claim);
        } catch (RuntimeException failed) {
            if (!claim.answered) {
                release(claim, failed);
            }
            throw failed;
        }
        if (!claim.answered) {
            release(claim, null); // refused: a retry decides again (ADR 0006)
        }
        return outcome;
    }

    /**
     * Frees the key. If the store cannot be reached, the claim runs out after {@link #LEASE}: the answer given stays
     * right, and until then a retry is told the request is in progress.
     */
    private void release(Claim claim, @Nullable RuntimeException failure) {
        try {
            keys.release(claim.inFlight);
        } catch (RuntimeException releaseFailed) {
            if (failure != null) {
                failure.addSuppressed(releaseFailed);
            }
        }
    }

    private static void pause(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request in flight", interrupted);
        }
    }
}
