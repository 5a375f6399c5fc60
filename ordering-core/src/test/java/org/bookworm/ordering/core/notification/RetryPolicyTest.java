package org.bookworm.ordering.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Capped exponential backoff with jitter, and the give-up window. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RetryPolicyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(24));

    @Test
    void the_wait_doubles_from_the_first_and_stops_growing_at_the_cap() {
        // jitter just under 1 gives (almost) the whole wait; 0 gives half of it
        assertThat(POLICY.delay(1, 0.999_999)).isBetween(Duration.ofMillis(4_999), Duration.ofSeconds(5));
        assertThat(POLICY.delay(2, 0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(POLICY.delay(3, 0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(POLICY.delay(4, 0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(POLICY.delay(5, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(POLICY.delay(6, 0)).isEqualTo(Duration.ofSeconds(30));
        assertThat(POLICY.delay(1_000_000, 0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void with_any_jitter_no_wait_is_longer_than_the_cap_or_shorter_than_half_the_full_wait() {
        var random = new SplittableRandom(7);
        for (int failures = 1; failures < 200; failures++) {
            Duration wait = POLICY.delay(failures, random.nextDouble());
            assertThat(wait).isLessThanOrEqualTo(POLICY.maxDelay());
            assertThat(wait).isGreaterThanOrEqualTo(POLICY.delay(failures, 0));
        }
    }

    @Test
    void a_row_is_given_up_once_its_next_attempt_would_leave_the_window() {
        Instant late = T0.plus(Duration.ofHours(24)).minusSeconds(60);
        assertThat(POLICY.retryAt(50, T0, late, 0)).isEqualTo(late.plusSeconds(30));
        assertThat(POLICY.retryAt(50, T0, late.plusSeconds(31), 0)).isNull();
        assertThat(POLICY.retryAt(1, late, late, 0)).isEqualTo(late.plus(Duration.ofMillis(2_500)));
    }

    @Test
    void an_operator_cannot_set_a_policy_that_hammers_a_server_or_waits_for_hours() {
        assertThatThrownBy(() -> RetryPolicy.cappedAt(Duration.ofMillis(500), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 s to 1 h");
        assertThatThrownBy(() -> RetryPolicy.cappedAt(Duration.ofHours(2), Duration.ofHours(24)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetryPolicy.cappedAt(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least the longest wait");
        assertThat(RetryPolicy.cappedAt(Duration.ofSeconds(2), Duration.ofMinutes(1))
                        .firstDelay())
                .isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> POLICY.delay(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> POLICY.delay(1, 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
