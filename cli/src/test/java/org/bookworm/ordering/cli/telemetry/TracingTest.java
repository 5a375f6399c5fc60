package org.bookworm.ordering.cli.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The SDK {@link Tracing} starts: what it samples by default, and that the standard variables still decide. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TracingTest {
    // nothing listens there: no span is ended in these tests, so nothing is sent
    private static final String ENDPOINT = "http://127.0.0.1:56401";

    @Test
    void by_default_a_tenth_of_the_traces_are_kept_and_a_reaction_follows_the_decision_its_event_carries() {
        assertThat(samplerOf(Map.of()))
                .isEqualTo("ParentBased{root:TraceIdRatioBased{0.100000},remoteParentSampled:AlwaysOnSampler,"
                        + "remoteParentNotSampled:AlwaysOffSampler,localParentSampled:AlwaysOnSampler,"
                        + "localParentNotSampled:AlwaysOffSampler}");
    }

    @Test
    void the_standard_sampler_variables_win_over_the_default() {
        assertThat(samplerOf(Map.of("OTEL_TRACES_SAMPLER", "always_on"))).isEqualTo("AlwaysOnSampler");
        assertThat(samplerOf(Map.of("OTEL_TRACES_SAMPLER_ARG", "0.5")))
                .startsWith("ParentBased{root:TraceIdRatioBased{0.500000}");
    }

    private static String samplerOf(Map<String, String> env) {
        OpenTelemetry started = Tracing.start(ENDPOINT, env);
        try {
            assertThat(started).isInstanceOf(OpenTelemetrySdk.class);
            return ((OpenTelemetrySdk) started)
                    .getSdkTracerProvider()
                    .getSampler()
                    .getDescription();
        } finally {
            Tracing.stop(started);
        }
    }
}
