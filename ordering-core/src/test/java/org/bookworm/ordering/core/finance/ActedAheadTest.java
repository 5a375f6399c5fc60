package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ActedAheadTest {
    private static final UUID FIRST = UUID.fromString("0192f0c8-0000-7000-8000-0000000aa001");
    private static final UUID SECOND = UUID.fromString("0192f0c8-0000-7000-8000-0000000aa002");
    private static final UUID THIRD = UUID.fromString("0192f0c8-0000-7000-8000-0000000aa003");

    @Test
    void an_event_acted_on_ahead_is_passed_over_once_and_then_acted_on_again() {
        var ahead = new ActedAhead(4);
        ahead.remember(FIRST);

        assertThat(ahead.passOver(FIRST)).isTrue();
        assertThat(ahead.passOver(FIRST)).as("a second delivery is acted on").isFalse();
        assertThat(ahead.passOver(SECOND)).as("never acted on ahead").isFalse();
    }

    @Test
    void past_its_capacity_it_forgets_the_oldest_first() {
        var ahead = new ActedAhead(2);
        ahead.remember(FIRST);
        ahead.remember(SECOND);
        ahead.remember(THIRD);

        assertThat(ahead.passOver(FIRST))
                .as("forgotten: its delivery repeats the step, idempotently")
                .isFalse();
        assertThat(ahead.passOver(SECOND)).isTrue();
        assertThat(ahead.passOver(THIRD)).isTrue();
    }

    @Test
    void none_remembers_nothing_and_does_not_act_ahead() {
        ActedAhead.NONE.remember(FIRST);

        assertThat(ActedAhead.NONE.acts()).isFalse();
        assertThat(ActedAhead.NONE.passOver(FIRST)).isFalse();
        assertThat(new ActedAhead(1).acts()).isTrue();
    }

    @Test
    void a_negative_capacity_is_refused() {
        assertThatThrownBy(() -> new ActedAhead(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
