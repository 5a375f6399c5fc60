package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class MetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Meters.Family<Counter> appends =
            new Meters(registry).counters("ordering.event_store.appends", "Append calls", "stream.type", "outcome");

    @Test
    void a_family_makes_each_combination_of_values_once_tagged_by_its_keys_and_hands_back_the_same_meter() {
        Counter ok = appends.with("order", "ok");

        assertThat(appends.with(new String[] {"order", "ok"})).isSameAs(ok);
        assertThat(appends.with("order", "conflict")).isNotSameAs(ok);
        assertThat(ok.getId().getTags()).containsExactly(Tag.of("outcome", "ok"), Tag.of("stream.type", "order"));
        assertThat(registry.getMeters()).hasSize(2);
    }

    @Test
    void a_family_registers_nothing_until_a_combination_is_used() {
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void values_that_do_not_match_the_keys_are_refused_and_register_nothing() {
        assertThatThrownBy(() -> appends.with("order"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[stream.type, outcome]");
        assertThat(registry.getMeters()).isEmpty();
    }
}
