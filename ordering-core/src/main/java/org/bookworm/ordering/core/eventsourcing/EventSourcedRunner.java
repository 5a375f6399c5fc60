package org.bookworm.ordering.core.eventsourcing;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The one way commands reach an event-sourced aggregate: load (snapshot and tail), decide, stamp event ids, append with
 * the expected version, and retry a {@link ConcurrencyConflict} after catching up (with the events the conflict
 * carries, else by reloading), up to {@value #MAX_ATTEMPTS} attempts. With a request id, the key is claimed first
 * ({@link RequestClaims}): a key already done answers its stored outcome (or refuses a different request), a key in
 * flight is waited for, and a new key's outcome is stored in the same append as the events, also when the decision
 * appends no event.
 */
public final class EventSourcedRunner<C, S, E extends DomainEvent, R> {
    static final int MAX_ATTEMPTS = 4;

    private final Decider<C, S, E, R> decider;
    private final int deciderVersion;
    private final Class<S> stateType;
    private final Class<E> eventType;
    private final Stores stores;
    private final int snapshotEvery;
    private final RequestClaims claims;

    /** What every runner needs from outside. */
    public record Stores(
            EventStore events, Snapshots snapshots, IdempotencyKeys keys, IdGenerator ids, InstantSource clock) {}

    /** A folded stream. */
    public record Loaded<S>(S state, long version) {}

    /** A client request key with the hash of what was asked. */
    public record IdempotencyRequest(String scope, String key, String requestHash) {
        public IdempotencyRequest {
            Objects.requireNonNull(scope, "scope");
            IdempotencyRecord.requireValidKey(key);
        }
    }

    public EventSourcedRunner(
            Decider<C, S, E, R> decider,
            int deciderVersion,
            Class<S> stateType,
            Class<E> eventType,
            Stores stores,
            int snapshotEvery) {
        this(decider, deciderVersion, stateType, eventType, stores, snapshotEvery, RequestClaims.DEFAULT_WAIT);
    }

    /** With {@code inFlightWait}: how long a request waits for the first one with its request id to finish. */
    public EventSourcedRunner(
            Decider<C, S, E, R> decider,
            int deciderVersion,
            Class<S> stateType,
            Class<E> eventType,
            Stores stores,
            int snapshotEvery,
            java.time.Duration inFlightWait) {
        this.decider = decider;
        this.deciderVersion = deciderVersion;
        this.stateType = stateType;
        this.eventType = eventType;
        this.stores = stores;
        this.snapshotEvery = snapshotEvery;
        this.claims = new RequestClaims(stores.keys(), stores.clock(), inFlightWait);
    }

    public Decider<C, S, E, R> decider() {
        return decider;
    }

    /**
     * The stream folded: from its latest snapshot and the events after it, or, for a runner that never snapshots, from
     * the events alone, without asking the snapshot store (in PostgreSQL a round trip per fold that could only answer
     * "none"; a snapshot left by an earlier setting is not needed for a full replay).
     */
    public Loaded<S> load(StreamId stream) {
        var snapshot = snapshotEvery > 0
                ? stores.snapshots().load(stream, deciderVersion).filter(s -> stateType.isInstance(s.state()))
                : Optional.<Snapshot>empty();
        S state = snapshot.map(s -> stateType.cast(s.state())).orElseGet(decider::initialState);
        long after = snapshot.map(Snapshot::version).orElse(0L);
        EventStream tail = stores.events().load(stream, after, Long.MAX_VALUE);
        return new Loaded<>(decider.fold(state, tail.domainEvents(eventType)), Math.max(after, tail.version()));
    }

    /**
     * The state a stream without events folds to, at version 0, with no load: what a command that only a new stream
     * accepts (placing an order, requesting its checkout) is decided on when its caller has just minted the stream's
     * id, so the load could only answer "no events" (ADR 0048). It is a guess the append checks: if the stream has
     * events after all, the append conflicts and the command is decided again on the stream caught up, as after any
     * conflict.
     */
    public Loaded<S> unborn() {
        return new Loaded<>(decider.initialState(), 0);
    }

    public Outcome<R> run(
            StreamId stream,
            Metadata metadata,
            @Nullable IdempotencyRequest idempotency,
            Function<S, Decision<E, R>> decide) {
        return run(stream, state -> metadata, idempotency, decide);
    }

    /** As above, with audit metadata that depends on the state decided on (whose order an admin acts on). */
    public Outcome<R> run(
            StreamId stream,
            Function<S, Metadata> metadata,
            @Nullable IdempotencyRequest idempotency,
            Function<S, Decision<E, R>> decide) {
        return claims.once(idempotency, claim -> runClaimed(stream, metadata, claim, decide));
    }

    /** The work of a request whose id the caller has claimed already ({@code claim} null: no request id). */
    public Outcome<R> runClaimed(
            StreamId stream,
            Function<S, Metadata> metadata,
            RequestClaims.@Nullable Claim claim,
            Function<S, Decision<E, R>> decide) {
        return runClaimed(stream, load(stream), metadata, claim, decide);
    }

    /**
     * As above, decided first on {@code known} (such as {@link #unborn()}) instead of the stream loaded; a stale
     * {@code known} costs a conflict and a retry on the stream caught up, never a wrong decision.
     */
    public Outcome<R> runClaimed(
            StreamId stream,
            Loaded<S> known,
            Function<S, Metadata> metadata,
            RequestClaims.@Nullable Claim claim,
            Function<S, Decision<E, R>> decide) {
        return appendDecided(stream, known, metadata, claim, decide, reason -> reason, (state, version, events) -> null)
                .outcome();
    }

    /**
     * What must hold between a decision and its append when the decision needs another party to act first (hold
     * stock, authorize a payment): it sees the state decided on, its version and the events decided, and answers
     * null to append exactly those events, or the refusal, after which nothing is appended (undoing what it did
     * itself is its own job). After a {@link ConcurrencyConflict} the state is caught up, decided again and checked
     * again.
     */
    @FunctionalInterface
    public interface BeforeAppend<S, E, Q> {
        @Nullable
        Q check(S state, long version, List<E> events);
    }

    /**
     * As above, with {@code before} run on each accepted decision before it is appended, so a decision that needs
     * another party is made once per attempt, never previewed and made again; refusals of the decider are answered
     * as {@code refusal} says, in the wider family {@code Q}.
     */
    public <Q> Outcome<Q> runClaimed(
            StreamId stream,
            Function<S, Metadata> metadata,
            RequestClaims.@Nullable Claim claim,
            Function<S, Decision<E, R>> decide,
            Function<R, Q> refusal,
            BeforeAppend<S, E, Q> before) {
        return appendDecided(stream, load(stream), metadata, claim, decide, refusal, before)
                .outcome();
    }

    /** A decision appended: the stream as it stands after it, and its events as stored, ids included (none: empty). */
    public record Appended<S>(Loaded<S> after, List<NewEvent> events) {}

    /**
     * Decides on {@code known}, a state of the stream this runner folded or appended a moment ago, without loading the
     * stream again, and appends with its version as the one expected: a writer that appended since makes the append
     * conflict, and the decision is made again on the state caught up, as in {@link #run}. With {@code known} null the
     * stream is loaded first. No request id: this is for services that react to events (their effects are keyed by
     * the events they answer), not for clients' requests. A refusal or a decision without events appends nothing.
     */
    public Appended<S> decideOn(
            StreamId stream, @Nullable Loaded<S> known, Metadata metadata, Function<S, Decision<E, R>> decide) {
        Ran<S, E, R> ran = appendDecided(
                stream,
                known != null ? known : load(stream),
                state -> metadata,
                null,
                decide,
                reason -> reason,
                (state, version, events) -> null);
        Loaded<S> on = ran.decidedOn();
        return ran.stored().isEmpty()
                ? new Appended<>(on, List.of())
                : new Appended<>(
                        new Loaded<>(
                                decider.fold(on.state(), ran.events()),
                                on.version() + ran.events().size()),
                        ran.stored());
    }

    /**
     * Decisions made one after another on a stream and not yet appended (ADR 0060): the stream as the store held it
     * when the first was made ({@code stored}), as the decisions leave it ({@code after}), and each decision with its
     * events, stamped with their ids already, so an effect can name one as its cause before it is stored.
     */
    public record Draft<S, C>(Loaded<S> stored, Loaded<S> after, List<Drafted<C>> decided) {
        public Draft {
            decided = List.copyOf(decided);
        }

        /** The events of every decision, in the order they were decided: what the append will store. */
        public List<NewEvent> events() {
            return decided.stream().flatMap(d -> d.events().stream()).toList();
        }
    }

    /** One decision of a {@link Draft}: the command, the metadata its events carry, and those events. */
    public record Drafted<C>(C command, Metadata metadata, List<NewEvent> events) {
        public Drafted {
            events = List.copyOf(events);
        }
    }

    /** A draft with no decision yet, on the stream as {@code stored} (loaded, or {@link #unborn()}). */
    public Draft<S, C> draft(Loaded<S> stored) {
        return new Draft<>(stored, stored, List.of());
    }

    /**
     * Decides {@code command} on the state the draft's decisions left, and answers the draft with it: its events
     * stamped and folded in, nothing appended. A refusal adds an empty decision (as {@link #decideOn} appends nothing
     * for one).
     */
    public Draft<S, C> decideInDraft(Draft<S, C> draft, C command, Metadata metadata) {
        List<E> events = decider.decide(command, draft.after().state()).events();
        var decided = new ArrayList<>(draft.decided());
        decided.add(new Drafted<>(command, metadata, stamp(events, metadata)));
        return new Draft<>(
                draft.stored(),
                new Loaded<>(
                        decider.fold(draft.after().state(), events),
                        draft.after().version() + events.size()),
                decided);
    }

    /**
     * Appends every event of the draft in one append, with the version the draft was made on as the expected one.
     * After a {@link ConcurrencyConflict} (a writer appended meanwhile) its commands are decided again, in their
     * order and with their metadata, on the stream caught up, and the events that come of them are appended with
     * new ids, up to {@value #MAX_ATTEMPTS} attempts: the answer's events are then not the draft's, which its caller
     * tells by their ids. A draft without events appends nothing.
     */
    public Appended<S> appendDraft(StreamId stream, Draft<S, C> draft) {
        Draft<S, C> attempted = draft;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            List<NewEvent> stamped = attempted.events();
            if (stamped.isEmpty()) {
                return new Appended<>(attempted.stored(), List.of());
            }
            try {
                stores.events().append(stream, attempted.stored().version(), stamped, null);
            } catch (ConcurrencyConflict conflict) {
                attempted = decidedAgain(draft, caughtUp(stream, attempted.stored(), conflict));
                continue;
            }
            List<E> events =
                    stamped.stream().map(e -> eventType.cast(e.event())).toList();
            snapshotIfDue(stream, attempted.stored(), events, attempted.after().version());
            return new Appended<>(attempted.after(), stamped);
        }
        throw new ConflictPersisted(stream, MAX_ATTEMPTS);
    }

    /** The draft's commands decided again, one after another, with their metadata, on {@code stored}. */
    private Draft<S, C> decidedAgain(Draft<S, C> draft, Loaded<S> stored) {
        Draft<S, C> again = draft(stored);
        for (Drafted<C> decided : draft.decided()) {
            again = decideInDraft(again, decided.command(), decided.metadata());
        }
        return again;
    }

    /**
     * What one command came to: its outcome, the state its last decision was made on, and the events that decision
     * appended (empty, and none stored, when it appended nothing).
     */
    private record Ran<S, E, Q>(Outcome<Q> outcome, Loaded<S> decidedOn, List<E> events, List<NewEvent> stored) {
        static <S, E, Q> Ran<S, E, Q> without(Outcome<Q> outcome, Loaded<S> decidedOn) {
            return new Ran<>(outcome, decidedOn, List.of(), List.of());
        }
    }

    /**
     * The one decide-and-append loop of every command, from {@code loaded}: decide, check, stamp, append with the
     * expected version, and after a {@link ConcurrencyConflict} catch up and go again, up to {@value #MAX_ATTEMPTS}
     * attempts.
     */
    private <Q> Ran<S, E, Q> appendDecided(
            StreamId stream,
            Loaded<S> loaded,
            Function<S, Metadata> metadata,
            RequestClaims.@Nullable Claim claim,
            Function<S, Decision<E, R>> decide,
            Function<R, Q> refusal,
            BeforeAppend<S, E, Q> before) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Decision<E, R> decision = decide.apply(loaded.state());
            if (decision instanceof Decision.Rejected<E, R> rejected) {
                return Ran.without(new Outcome.Refused<>(refusal.apply(rejected.reason())), loaded);
            }
            List<E> events = decision.events();
            if (events.isEmpty() && claim == null) {
                return Ran.without(new Outcome.Done<>(stream, loaded.version()), loaded);
            }
            Q refused = before.check(loaded.state(), loaded.version(), events);
            if (refused != null) {
                return Ran.without(new Outcome.Refused<>(refused), loaded);
            }
            long newVersion = loaded.version() + events.size();
            IdempotencyRecord record = claim == null
                    ? null
                    : claim.done(stream, newVersion, stores.clock().instant());
            List<NewEvent> stamped = stamp(events, metadata.apply(loaded.state()));
            try {
                stores.events().append(stream, loaded.version(), stamped, record);
            } catch (ConcurrencyConflict conflict) {
                loaded = caughtUp(stream, loaded, conflict);
                continue;
            } catch (IdempotencyKeyTaken taken) {
                return Ran.without(claims.answerTaken(Objects.requireNonNull(claim), taken), loaded);
            }
            if (claim != null) {
                claim.answered();
            }
            snapshotIfDue(stream, loaded, events, newVersion);
            return new Ran<>(new Outcome.Done<>(stream, newVersion), loaded, events, stamped);
        }
        throw new ConflictPersisted(stream, MAX_ATTEMPTS);
    }

    /**
     * The state after a conflict: the state decided on plus the events the store found appended since, when it found
     * them all (issue 14: no reload of the whole stream), else the stream reloaded.
     */
    private Loaded<S> caughtUp(StreamId stream, Loaded<S> loaded, ConcurrencyConflict conflict) {
        return conflict.appendedSince()
                .filter(since -> since.version() > loaded.version()
                        && since.events().size() == since.version() - loaded.version()
                        && conflict.expectedVersion() == loaded.version())
                .map(since ->
                        new Loaded<>(decider.fold(loaded.state(), since.domainEvents(eventType)), since.version()))
                .orElseGet(() -> load(stream));
    }

    /** The claims of this runner's request ids, for work that spans more than one stream (PlaceOrder, ModifyOrder). */
    public RequestClaims claims() {
        return claims;
    }

    private List<NewEvent> stamp(List<E> events, Metadata metadata) {
        return events.stream()
                .map(event -> new NewEvent(stores.ids().next(), event, metadata))
                .toList();
    }

    private void snapshotIfDue(StreamId stream, Loaded<S> loaded, List<E> events, long newVersion) {
        if (snapshotEvery > 0 && newVersion / snapshotEvery > loaded.version() / snapshotEvery) {
            S state = decider.fold(loaded.state(), events);
            stores.snapshots().save(new Snapshot(stream, newVersion, deciderVersion, state));
        }
    }
}
