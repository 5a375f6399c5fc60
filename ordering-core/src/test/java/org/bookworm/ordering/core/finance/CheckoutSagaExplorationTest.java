package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.finance.CheckoutSagaTest.DUNE;
import static org.bookworm.ordering.core.finance.CheckoutSagaTest.LINES;
import static org.bookworm.ordering.core.finance.CheckoutSagaTest.ORDER;
import static org.bookworm.ordering.core.finance.CheckoutSagaTest.REQUESTED;
import static org.bookworm.ordering.core.finance.CheckoutSagaTest.T1;
import static org.bookworm.ordering.core.finance.CheckoutSagaTest.TOTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.finance.CheckoutCommand.DeadlineReached;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteCancellation;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteCompletion;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteShipment;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordApproval;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordDecline;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordReservation;
import org.bookworm.ordering.core.finance.CheckoutCommand.StartCheckout;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Exhaustive exploration for small bounds: every sequence of up to {@value #DEPTH} messages drawn from a set that
 * holds duplicates, reordered and late answers, stale and current deadlines, cancellations and shipments, applied
 * to a requested checkout. Each sequence is then finished by placing the order if that never came, and by firing
 * the pending deadline until the saga stops waiting. Checked on every path: it ends confirmed or terminal, never both confirms and fails, never asks for a
 * capture without a shipment nor twice for one, and emits each e-mail-driving outcome at most once.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutSagaExplorationTest {
    static final int DEPTH = 6;
    static final CheckoutTimeouts TIMEOUTS = CheckoutTimeouts.DEFAULT;
    static final UUID SHIPMENT_A = UUID.fromString("0192f0c8-3333-7000-8000-00000000000a");
    static final UUID SHIPMENT_B = UUID.fromString("0192f0c8-3333-7000-8000-00000000000b");

    static final List<CheckoutCommand> ALPHABET = List.of(
            new StartCheckout(ORDER, LINES, TOTAL, TIMEOUTS, T1),
            new RecordReservation(ORDER, List.of(), TIMEOUTS, T1),
            new RecordReservation(ORDER, List.of(DUNE), TIMEOUTS, T1),
            new RecordApproval(ORDER, 1, T1),
            new RecordApproval(ORDER, 2, T1),
            new RecordDecline(ORDER, 1, "declined", T1),
            new DeadlineReached(ORDER, 0, TIMEOUTS, T1),
            new DeadlineReached(ORDER, 1, TIMEOUTS, T1),
            new DeadlineReached(ORDER, 2, TIMEOUTS, T1),
            new DeadlineReached(ORDER, 3, TIMEOUTS, T1),
            new NoteCancellation(ORDER, T1),
            new NoteShipment(ORDER, SHIPMENT_A, LINES, TOTAL, T1),
            new NoteShipment(ORDER, SHIPMENT_B, LINES, TOTAL, T1),
            new NoteCompletion(ORDER, T1));

    private final CheckoutSaga saga = new CheckoutSaga();
    private long paths;

    @Test
    void every_bounded_sequence_of_messages_keeps_the_saga_safe_and_ends_it() {
        CheckoutState start = saga.fold(List.of(REQUESTED));
        explore(start, new ArrayList<>(), new ArrayList<>(), 0);
        assertThat(paths).isEqualTo(pow(ALPHABET.size(), DEPTH));
    }

    private void explore(CheckoutState state, List<CheckoutEvent> emitted, List<CheckoutCommand> path, int depth) {
        if (depth == DEPTH) {
            finish(state, emitted, path);
            paths++;
            return;
        }
        for (CheckoutCommand message : ALPHABET) {
            var events = saga.decide(message, state).events();
            check(!saga.isTerminal(state) || events.isEmpty(), "a terminal saga ignores every message", path);
            for (CheckoutEvent event : events) {
                if (event instanceof CheckoutEvent.CaptureRequested capture) {
                    check(
                            message instanceof NoteShipment shipment
                                    && shipment.shipment().equals(capture.shipment()),
                            "captures only the shipment just noted",
                            path);
                }
            }
            CheckoutState next = saga.fold(state, events);
            emitted.addAll(events);
            path.add(message);
            explore(next, emitted, path, depth + 1);
            path.remove(path.size() - 1);
            for (int i = 0; i < events.size(); i++) {
                emitted.remove(emitted.size() - 1);
            }
        }
    }

    private void finish(CheckoutState state, List<CheckoutEvent> emitted, List<CheckoutCommand> path) {
        var all = new ArrayList<>(emitted);
        CheckoutState current = state;
        if (current instanceof CheckoutState.Requested || current instanceof CheckoutState.Abandoned) {
            var started = saga.decide(new StartCheckout(ORDER, LINES, TOTAL, TIMEOUTS, T1), current)
                    .events();
            all.addAll(started);
            current = saga.fold(current, started);
        }
        for (int fired = 0; current instanceof CheckoutState.Waiting waiting; fired++) {
            check(fired <= 2 * CheckoutTimeouts.DEFAULT.attempts(), "ends within the deadlines' attempts", path);
            var events = saga.decide(new DeadlineReached(ORDER, waiting.step(), TIMEOUTS, T1), current)
                    .events();
            all.addAll(events);
            current = saga.fold(current, events);
        }
        // abandoned: no order was placed for the request; a late placement fails (checked in CheckoutSagaTest)
        check(
                current instanceof CheckoutState.Confirmed
                        || current instanceof CheckoutState.Abandoned
                        || saga.isTerminal(current),
                "ends confirmed, abandoned or terminal",
                path);
        int confirmed = 0;
        int failed = 0;
        int cancelled = 0;
        int completed = 0;
        var captured = new java.util.HashSet<UUID>();
        for (CheckoutEvent event : all) {
            switch (event) {
                case CheckoutEvent.CheckoutConfirmed e -> confirmed++;
                case CheckoutEvent.CheckoutFailed e -> failed++;
                case CheckoutEvent.CheckoutCancelled e -> cancelled++;
                case CheckoutEvent.CheckoutCompleted e -> completed++;
                case CheckoutEvent.CaptureRequested e -> {
                    check(captured.add(e.shipment()), "captures a shipment once", path);
                    check(confirmed == 1, "captures only after confirmation", path);
                }
                default -> {
                    // other facts carry no e-mail and no money
                }
            }
        }
        check(confirmed + failed <= 1, "never both confirms and fails, each at most once", path);
        check(cancelled <= 1 && completed <= 1, "cancels and completes at most once", path);
    }

    private static void check(boolean holds, String property, List<CheckoutCommand> path) {
        if (!holds) {
            throw new AssertionError(property + " fails after " + path);
        }
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
