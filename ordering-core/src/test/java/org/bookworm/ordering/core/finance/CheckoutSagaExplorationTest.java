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
 * to a requested checkout. Each sequence is then finished by firing the pending deadline until the saga stops
 * waiting. Checked on every path: it ends confirmed or terminal, never both confirms and fails, never asks for a
 * capture without a shipment nor twice for one, and emits each e-mail-driving outcome at most once.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutSagaExplorationTest {
    static final int DEPTH = 6;
    static final UUID SHIPMENT_A = UUID.fromString("0192f0c8-3333-7000-8000-00000000000a");
    static final UUID SHIPMENT_B = UUID.fromString("0192f0c8-3333-7000-8000-00000000000b");

    static final List<CheckoutCommand> ALPHABET = List.of(
            new StartCheckout(ORDER, LINES, TOTAL, T1),
            new RecordReservation(ORDER, List.of(), T1),
            new RecordReservation(ORDER, List.of(DUNE), T1),
            new RecordApproval(ORDER, 1, T1),
            new RecordApproval(ORDER, 2, T1),
            new RecordDecline(ORDER, 1, "declined", T1),
            new DeadlineReached(ORDER, 1, T1),
            new DeadlineReached(ORDER, 2, T1),
            new DeadlineReached(ORDER, 3, T1),
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
            if (saga.isTerminal(state)) {
                assertThat(events)
                        .as("terminal ignores %s after %s", message, path)
                        .isEmpty();
            }
            for (CheckoutEvent event : events) {
                if (event instanceof CheckoutEvent.CaptureRequested capture) {
                    assertThat(message)
                            .as("capture without a shipment after %s", path)
                            .isInstanceOf(NoteShipment.class);
                    assertThat(((NoteShipment) message).shipment()).isEqualTo(capture.shipment());
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
        if (current instanceof CheckoutState.Requested) {
            var started = saga.decide(new StartCheckout(ORDER, LINES, TOTAL, T1), current)
                    .events();
            all.addAll(started);
            current = saga.fold(current, started);
        }
        for (int fired = 0; current instanceof CheckoutState.Waiting waiting; fired++) {
            assertThat(fired).as("deadlines needed after %s", path).isLessThanOrEqualTo(2 * CheckoutSaga.MAX_ATTEMPTS);
            var events = saga.decide(new DeadlineReached(ORDER, waiting.step(), T1), current)
                    .events();
            all.addAll(events);
            current = saga.fold(current, events);
        }
        assertThat(current instanceof CheckoutState.Confirmed || saga.isTerminal(current))
                .as("ends confirmed or terminal after %s", path)
                .isTrue();
        long confirmed = count(all, CheckoutEvent.CheckoutConfirmed.class);
        long failed = count(all, CheckoutEvent.CheckoutFailed.class);
        assertThat(confirmed).as("confirms once at most after %s", path).isLessThanOrEqualTo(1);
        assertThat(failed).as("fails once at most after %s", path).isLessThanOrEqualTo(1);
        assertThat(confirmed + failed)
                .as("never both confirms and fails after %s", path)
                .isLessThanOrEqualTo(1);
        assertThat(count(all, CheckoutEvent.CheckoutCancelled.class)).isLessThanOrEqualTo(1);
        assertThat(count(all, CheckoutEvent.CheckoutCompleted.class)).isLessThanOrEqualTo(1);
        assertThat(all.stream()
                        .filter(CheckoutEvent.CaptureRequested.class::isInstance)
                        .map(event -> ((CheckoutEvent.CaptureRequested) event).shipment())
                        .distinct()
                        .count())
                .isEqualTo(count(all, CheckoutEvent.CaptureRequested.class));
        if (count(all, CheckoutEvent.CaptureRequested.class) > 0) {
            assertThat(confirmed)
                    .as("captures only after confirmation, %s", path)
                    .isEqualTo(1);
        }
    }

    private static long count(List<CheckoutEvent> events, Class<?> type) {
        return events.stream().filter(type::isInstance).count();
    }

    private static long pow(int base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }
}
