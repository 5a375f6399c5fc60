package org.bookworm.ordering.benchmarks;

import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A client that does what the server asks when it sheds load: a {@code RESOURCE_EXHAUSTED} answer carries a {@code
 * google.rpc.RetryInfo} delay (ADR 0017), and a well-behaved client waits that long and sends the same request again,
 * with the same request id, so the retry is answered as the first call would have been. Being shed is not an error:
 * it is counted and reported. A call still shed after {@link #PATIENCE} is given up and surfaces as the
 * RESOURCE_EXHAUSTED it is, which the workloads count as a correctness finding (a server that never admits a call).
 */
final class Polite {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration FALLBACK = Duration.ofMillis(50);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

    private Polite() {}

    /** Runs {@code call}, waiting and retrying while it is shed; each shed answer adds one to {@code shed}. */
    static <T> T call(Supplier<T> call, LongAdder shed) {
        return call(call, shed, null);
    }

    /**
     * As {@link #call(Supplier, LongAdder)}, and when {@code unavailable} is given, also retries an answer whose
     * outcome is unknown ({@link #unknownOutcome}: UNAVAILABLE, ABORTED, DEADLINE_EXCEEDED) after a short back-off,
     * counting each in {@code unavailable}: the same request id makes the retry safe, as it does for a person's app.
     * Without it, those surface at once.
     */
    static <T> T call(Supplier<T> call, LongAdder shed, @Nullable LongAdder unavailable) {
        long giveUp = System.nanoTime() + PATIENCE.toNanos();
        Duration backOff = FALLBACK;
        while (true) {
            try {
                return call.get();
            } catch (StatusRuntimeException refused) {
                var code = refused.getStatus().getCode();
                if (System.nanoTime() > giveUp) {
                    throw refused;
                } else if (code == Status.Code.RESOURCE_EXHAUSTED) {
                    shed.increment();
                    sleep(retryDelay(refused));
                } else if (unknownOutcome(code) && unavailable != null) {
                    unavailable.increment();
                    sleep(backOff);
                    Duration doubled = backOff.multipliedBy(2);
                    backOff = doubled.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : doubled;
                } else {
                    throw refused;
                }
            }
        }
    }

    /**
     * UNAVAILABLE (the server could not reach a store), ABORTED (the first call with this request id is still in
     * progress, ADR 0018: "retry with the same id") and DEADLINE_EXCEEDED (the answer did not come in time, e.g. a
     * replica died under the call): the outcome is unknown or not yet there, and the same request id makes a resend
     * safe.
     */
    private static boolean unknownOutcome(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.ABORTED || code == Status.Code.DEADLINE_EXCEEDED;
    }

    /** The server's RetryInfo delay, capped; a short fallback when the answer carries none. */
    static Duration retryDelay(StatusRuntimeException refused) {
        var status = StatusProto.fromThrowable(refused);
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                if (detail.is(RetryInfo.class)) {
                    try {
                        var delay = detail.unpack(RetryInfo.class).getRetryDelay();
                        var wanted = Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
                        return wanted.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wanted;
                    } catch (com.google.protobuf.InvalidProtocolBufferException unreadable) {
                        return FALLBACK;
                    }
                }
            }
        }
        return FALLBACK;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw Status.CANCELLED
                    .withDescription("interrupted while waiting to retry")
                    .asRuntimeException();
        }
    }
}
