package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.nio.file.Path;
import java.time.Duration;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --checkout-step-timeout --checkout-attempts}: documented, validated before anything starts. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutFlagsTest {
    @TempDir
    Path dataDir;

    @Test
    void serve_help_documents_both_flags_with_their_defaults() {
        var run = run(new Wiring(), "serve", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--checkout-step-timeout", "--checkout-attempts", "default: 30s", "default: 3");
    }

    @Test
    void bad_values_are_a_usage_error_of_one_line_naming_the_flag() {
        for (String[] bad : new String[][] {
            {"--checkout-step-timeout", "soon"},
            {"--checkout-step-timeout", "10ms"},
            {"--checkout-step-timeout", "25h"},
            {"--checkout-attempts", "0"},
            {"--checkout-attempts", "101"},
            {"--checkout-attempts", "three"}
        }) {
            var run = run(new Wiring(), "serve", "--in-memory", "--port", "0", bad[0], bad[1]);

            assertThat(run.exitCode()).as(String.join(" ", bad)).isEqualTo(2);
            assertThat(run.err().lines().filter(line -> line.startsWith("ordering:") || line.contains(bad[0])))
                    .as(run.err())
                    .isNotEmpty();
            assertThat(run.out()).as("nothing started").doesNotContain("serving gRPC");
        }
    }

    @Test
    void good_values_become_the_sagas_timeouts() {
        var serve = new ServeCommand(new Wiring());
        new CommandLine(serve).parseArgs("--checkout-step-timeout", "500ms", "--checkout-attempts", "5");

        assertThat(serve.checkoutTimeouts()).isEqualTo(new CheckoutTimeouts(Duration.ofMillis(500), 5));
        new CommandLine(serve = new ServeCommand(new Wiring())).parseArgs();
        assertThat(serve.checkoutTimeouts()).isEqualTo(CheckoutTimeouts.DEFAULT);
    }
}
