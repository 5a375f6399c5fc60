package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve --reactor-lanes}: how many orders each reactor handles at once; documented, validated first. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ReactorLanesFlagTest {

    @Test
    void serve_help_documents_the_flag_and_its_default() {
        var run = run(new Wiring(), "serve", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--reactor-lanes", "1 to 64 (default: 16)");
    }

    @Test
    void a_bad_value_is_a_usage_error_of_one_line_and_nothing_starts() {
        for (String bad : new String[] {"0", "65", "many"}) {
            var run = run(new Wiring(), "serve", "--in-memory", "--port", "0", "--reactor-lanes", bad);

            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err()).as(bad).contains("--reactor-lanes");
            assertThat(run.out()).as("nothing started").doesNotContain("serving gRPC");
        }
    }

    @Test
    void the_value_reaches_the_stacks_options() {
        var serve = new ServeCommand(new Wiring());
        new CommandLine(serve).parseArgs("--reactor-lanes", "32");

        assertThat(serve.reactorLanes).isEqualTo(32);
        assertThat(new PostgresStack.Options(
                                org.bookworm.ordering.core.notification.NotificationService.Settings.DEFAULT,
                                org.bookworm.ordering.core.finance.CheckoutTimeouts.DEFAULT)
                        .reactorLanes())
                .isEqualTo(PostgresStack.DEFAULT_LANES);
    }
}
