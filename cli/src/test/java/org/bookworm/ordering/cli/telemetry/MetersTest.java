package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
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
    void a_duration_is_a_prometheus_histogram_of_the_documented_buckets_only() {
        var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new Meters(prometheus)
                .timers("db.client.operation.duration", "Event store calls", "db.operation.name")
                .with("load")
                .record(Duration.ofMillis(3));

        List<String> bounds = prometheus
                .scrape()
                .lines()
                .filter(line -> line.startsWith("db_client_operation_duration_seconds_bucket{"))
                .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
                .toList();

        // the semantic conventions' advice (1 ms to 10 s) and 30 s, not Micrometer's ~70 percentile-histogram buckets
        assertThat(bounds)
                .containsExactly(
                        "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75",
                        "1.0", "2.5", "5.0", "7.5", "10.0", "30.0", "+Inf");
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
