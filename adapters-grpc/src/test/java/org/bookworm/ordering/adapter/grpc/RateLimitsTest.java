package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class RateLimitsTest {

    @Test
    void the_one_number_of_rate_limit_gives_every_group_a_second_of_it_and_checkout_a_tenth() {
        var limits = RateLimits.perSecond(50);
        var second = Duration.ofSeconds(1);
        assertThat(limits.perCaller().get(MethodGroup.READ)).isEqualTo(new RateLimits.Limit(50, second));
        assertThat(limits.perCaller().get(MethodGroup.WRITE)).isEqualTo(new RateLimits.Limit(50, second));
        assertThat(limits.perCaller().get(MethodGroup.ADMIN)).isEqualTo(new RateLimits.Limit(50, second));
        assertThat(limits.perCaller().get(MethodGroup.CHECKOUT)).isEqualTo(new RateLimits.Limit(5, second));
        assertThat(limits.server()).isEqualTo(new RateLimits.Limit(5_000, second));
        assertThat(RateLimits.perSecond(3).perCaller().get(MethodGroup.CHECKOUT).capacity())
                .isEqualTo(1);
    }

    @Test
    void written_limits_replace_only_the_groups_they_name() {
        var limits = RateLimits.perSecond(50).with("write=20/1s, checkout=5/10s,admin=100/1m,read=7/500ms,server=9/2h");
        assertThat(limits.perCaller().get(MethodGroup.WRITE))
                .isEqualTo(new RateLimits.Limit(20, Duration.ofSeconds(1)));
        assertThat(limits.perCaller().get(MethodGroup.CHECKOUT))
                .isEqualTo(new RateLimits.Limit(5, Duration.ofSeconds(10)));
        assertThat(limits.perCaller().get(MethodGroup.ADMIN))
                .isEqualTo(new RateLimits.Limit(100, Duration.ofMinutes(1)));
        assertThat(limits.perCaller().get(MethodGroup.READ)).isEqualTo(new RateLimits.Limit(7, Duration.ofMillis(500)));
        assertThat(limits.server()).isEqualTo(new RateLimits.Limit(9, Duration.ofHours(2)));
        assertThat(RateLimits.perSecond(50)
                        .with("WRITE=1/1S")
                        .perCaller()
                        .get(MethodGroup.READ)
                        .capacity())
                .isEqualTo(50);
    }

    @Test
    void a_malformed_limit_is_refused_with_one_line_that_shows_the_form() {
        for (String bad : List.of(
                "",
                "write",
                "write=20",
                "write=20/",
                "write=20/1",
                "write=20/1d",
                "writes=20/1s",
                "write=-1/1s",
                "write=0/1s",
                "write=20/0s",
                "write=20/1s,",
                "write=20/2000h",
                "write=99999999999999/1s")) {
            assertThatThrownBy(() -> RateLimits.perSecond(50).with(bad))
                    .as("'%s'", bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .message()
                    .doesNotContain("\n")
                    .containsAnyOf("GROUP=CAPACITY/PERIOD", "at least 1 call", "between 1 ms and 1 day");
        }
    }
}
