package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The load driver must treat a shed call (RESOURCE_EXHAUSTED with RetryInfo, the server's admission control) as a
 * request to come back later, not as a correctness failure: bench-quick failed CI once on a single shed PlaceOrder.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PoliteTest {

    @Test
    void a_shed_call_is_sent_again_and_counted_until_it_is_answered() {
        var attempts = new AtomicInteger();
        var shed = new LongAdder();

        String answer = Polite.call(
                () -> {
                    if (attempts.incrementAndGet() <= 2) {
                        throw exhausted(Duration.ofMillis(5));
                    }
                    return "placed";
                },
                shed);

        assertThat(answer).isEqualTo("placed");
        assertThat(attempts).hasValue(3);
        assertThat(shed.sum()).isEqualTo(2);
    }

    @Test
    void any_other_error_is_not_retried() {
        var attempts = new AtomicInteger();
        var shed = new LongAdder();

        assertThatThrownBy(() -> Polite.call(
                        () -> {
                            attempts.incrementAndGet();
                            throw Status.INTERNAL.withDescription("boom").asRuntimeException();
                        },
                        shed))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("INTERNAL");
        assertThat(attempts).hasValue(1);
        assertThat(shed.sum()).isZero();
    }

    @Test
    void an_unavailable_answer_is_sent_again_and_counted_only_when_the_caller_counts_them() {
        var attempts = new AtomicInteger();
        var shed = new LongAdder();
        var unavailable = new LongAdder();

        String answer = Polite.call(
                () -> {
                    if (attempts.incrementAndGet() == 1) {
                        throw Status.UNAVAILABLE
                                .withDescription("basket store unavailable")
                                .asRuntimeException();
                    }
                    return "added";
                },
                shed,
                unavailable);

        assertThat(answer).isEqualTo("added");
        assertThat(unavailable.sum()).isEqualTo(1);
        assertThat(shed.sum()).isZero();
        assertThatThrownBy(() -> Polite.call(
                        () -> {
                            throw Status.UNAVAILABLE.asRuntimeException();
                        },
                        shed))
                .isInstanceOf(StatusRuntimeException.class)
                .hasMessageContaining("UNAVAILABLE");
    }

    @Test
    void the_wait_is_the_servers_retry_delay_capped_and_a_short_fallback_without_one() {
        assertThat(Polite.retryDelay(exhausted(Duration.ofMillis(120)))).isEqualTo(Duration.ofMillis(120));
        assertThat(Polite.retryDelay(exhausted(Duration.ofMinutes(5)))).isEqualTo(Duration.ofSeconds(2));
        assertThat(Polite.retryDelay(Status.RESOURCE_EXHAUSTED.asRuntimeException()))
                .isEqualTo(Duration.ofMillis(50));
    }

    private static StatusRuntimeException exhausted(Duration delay) {
        var retry = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(delay.toSeconds())
                        .setNanos(delay.toNanosPart()))
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage("the server is at capacity: retry shortly")
                .addDetails(Any.pack(retry))
                .build());
    }
}
