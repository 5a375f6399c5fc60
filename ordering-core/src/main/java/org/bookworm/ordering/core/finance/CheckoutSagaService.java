package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Finance's entry point for the checkout saga: hands a message to the saga of its order (load, decide, append with
 * retry on conflict) and fires due deadlines. Messages that do not fit the saga's stage append nothing. It holds the
 * operator's {@link CheckoutTimeouts}, which every message that schedules or fires a deadline carries.
 */
public final class CheckoutSagaService implements CheckoutRequests {
    /** The kind of the streams this service owns: {@code checkout-<id>}. */
    public static final StreamType STREAM = StreamType.of("checkout");

    static final String ACTOR = "service:finance";
    private final EventSourcedRunner<CheckoutCommand, CheckoutState, CheckoutEvent, Void> runner;
    private final EventSourcedRunner.Stores stores;
    private final SagaDeadlines deadlines;
    private final CheckoutTimeouts timeouts;

    /** With the default timeouts (30 s a step, 3 attempts). */
    public CheckoutSagaService(EventSourcedRunner.Stores stores, SagaDeadlines deadlines) {
        this(stores, deadlines, CheckoutTimeouts.DEFAULT);
    }

    public CheckoutSagaService(EventSourcedRunner.Stores stores, SagaDeadlines deadlines, CheckoutTimeouts timeouts) {
        this.stores = stores;
        this.deadlines = deadlines;
        this.timeouts = timeouts;
        this.runner = new EventSourcedRunner<>(
                new CheckoutSaga(), CheckoutSaga.VERSION, CheckoutState.class, CheckoutEvent.class, stores, 0);
    }

    /** The step timeout and attempts this service's messages carry. */
    CheckoutTimeouts timeouts() {
        return timeouts;
    }

    public static StreamId stream(OrderId order) {
        return StreamId.of(CheckoutSagaService.STREAM, order.value());
    }

    /** Decides the message against the saga of its order and appends what follows; returns the saga's version. */
    public long handle(CheckoutCommand command, Metadata metadata) {
        return decide(command, metadata).version();
    }

    /**
     * The saga after a message: its stage once the message's events are appended, its version, and the events the
     * message appended, ids included (none: a late, duplicate or stale message, which did not move it). With a
     * {@code draft} (ADR 0060) the events are decided and not yet appended: state and version are those the draft's
     * append will leave, and {@link #append} stores them.
     */
    record Handled(
            CheckoutState state,
            long version,
            List<NewEvent> appended,
            EventSourcedRunner.@Nullable Draft<CheckoutState, CheckoutCommand> draft) {
        boolean moved() {
            return !appended.isEmpty();
        }

        /** The order of the saga a draft with at least one decision was made on. */
        OrderId draftedOrder() {
            return Objects.requireNonNull(draft, "a draft")
                    .decided()
                    .get(0)
                    .command()
                    .orderId();
        }

        /** Whether it holds decided events that are not appended yet. */
        boolean drafted() {
            return draft != null && !draft.events().isEmpty();
        }

        EventSourcedRunner.Loaded<CheckoutState> loaded() {
            return new EventSourcedRunner.Loaded<>(state, version);
        }
    }

    /**
     * Decides the message and appends what follows, and answers the stage the saga is in after it, folded from the
     * state the decision was made on: the caller learns where the saga stands without loading it again.
     */
    Handled decide(CheckoutCommand command, Metadata metadata) {
        return decide(command, metadata, null);
    }

    /**
     * As above, decided on {@code after}, the saga as an earlier message of the same caller left it, instead of
     * loading it again (null: load it). A writer that appended since makes the append conflict, and the message is
     * decided again on the saga caught up, so a stale {@code after} costs a retry, never a wrong decision. When
     * {@code after} is a draft, the message is decided into it and nothing is appended: {@link #append} does that.
     */
    Handled decide(CheckoutCommand command, Metadata metadata, @Nullable Handled after) {
        if (after != null && after.draft() != null) {
            var draft = runner.decideInDraft(after.draft(), command, metadata);
            var decided = draft.decided().get(draft.decided().size() - 1);
            return new Handled(draft.after().state(), draft.after().version(), decided.events(), draft);
        }
        var appended = runner.decideOn(
                stream(command.orderId()),
                after != null ? after.loaded() : null,
                metadata,
                state -> runner.decider().decide(command, state));
        return new Handled(appended.after().state(), appended.after().version(), appended.events(), null);
    }

    /**
     * Decides the message on the saga loaded, as {@link #decide(CheckoutCommand, Metadata)} does, but appends nothing
     * yet: the answer is a draft that the caller's next messages are decided into ({@link #decide(CheckoutCommand,
     * Metadata, Handled)}) and that {@link #append} stores in one append (ADR 0060).
     */
    Handled draft(CheckoutCommand command, Metadata metadata) {
        var started = runner.draft(runner.load(stream(command.orderId())));
        return decide(
                command,
                metadata,
                new Handled(started.after().state(), started.after().version(), List.of(), started));
    }

    /**
     * Appends a draft's events in one append. The answer holds the events stored: the draft's, ids and all, or, if a
     * writer appended meanwhile, those its messages came to when decided again on the saga caught up (other ids).
     */
    Handled append(Handled drafted) {
        var draft = Objects.requireNonNull(drafted.draft(), "a draft");
        if (draft.decided().isEmpty()) {
            return new Handled(drafted.state(), drafted.version(), List.of(), null);
        }
        var appended = runner.appendDraft(stream(drafted.draftedOrder()), draft);
        return new Handled(appended.after().state(), appended.after().version(), appended.events(), null);
    }

    public long handle(CheckoutCommand command) {
        return handle(
                command, new Metadata(ACTOR, List.of("system"), stores.ids().next(), null, null));
    }

    public CheckoutState load(OrderId order) {
        return runner.load(stream(order)).state();
    }

    @Override
    public void requestCheckout(OrderId order, BuyerId buyer, PaymentMethod method, Instant at, Metadata metadata) {
        // The order's id was minted by the checkout that asks, so its saga has no events: decided on it unborn, with
        // no load (ADR 0048). A saga that exists after all makes the append conflict, and the request is ignored.
        var command = new CheckoutCommand.RequestCheckout(order, buyer, method, timeouts, at);
        runner.decideOn(
                stream(order),
                runner.unborn(),
                metadata,
                state -> runner.decider().decide(command, state));
    }

    /** The payment method the checkout of {@code order} was requested with. */
    @Override
    public PaymentMethod paymentMethodOf(OrderId order) {
        return switch (load(order)) {
            case CheckoutState.Requested requested -> requested.paymentMethod();
            case CheckoutState.Waiting waiting -> waiting.facts().paymentMethod();
            case CheckoutState.Confirmed confirmed -> confirmed.facts().paymentMethod();
            default -> throw new IllegalStateException("the checkout of " + order + " has no payment method");
        };
    }

    @Override
    public Optional<Metadata> pendingRequest(OrderId order) {
        if (!(load(order) instanceof CheckoutState.Requested)) {
            return Optional.empty();
        }
        return stores.events().load(stream(order), 0, 1).events().stream()
                .findFirst()
                .map(RecordedEvent::metadata);
    }

    /**
     * Hands every deadline due at {@code now} to its saga, then marks it done. A deadline whose saga moved on (a
     * later step, or terminal) changes nothing: the steps' deadlines are removed when the saga ends, not as it moves
     * (ADR 0035), so one of a step it has left fires when the checkout outlives it. Returns how many fired on the
     * step their saga was waiting on (those that moved it: asked again, or failed it as timed out).
     */
    public int fireDue(java.time.Instant now) {
        int fired = 0;
        for (SagaDeadlines.Deadline deadline : deadlines.claimDue(now, 100)) {
            var handled = decide(
                    new CheckoutCommand.DeadlineReached(deadline.order(), deadline.step(), timeouts, now),
                    new Metadata(ACTOR, List.of("system"), stores.ids().next(), null, null));
            deadlines.complete(deadline.order(), deadline.step());
            if (handled.moved()) {
                fired++;
            }
        }
        return fired;
    }
}
