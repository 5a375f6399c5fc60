package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ServeRateLimitsTest {
    @TempDir
    Path dataDir;

    @Test
    void malformed_rate_limits_stop_serve_with_one_line_that_shows_the_form() {
        for (String bad : new String[] {"writes=20/1s", "write=20", "write=0/1s", "read=5/1d"}) {
            var run = OrderingCliTest.run(
                    new Wiring(), "serve", "--in-memory", "--data-dir", dataDir.toString(), "--rate-limits", bad);
            assertThat(run.exitCode()).as(bad).isEqualTo(2);
            assertThat(run.err().lines()).as(bad).hasSize(1);
            assertThat(run.err()).as(bad).startsWith("ordering: --rate-limits: ");
        }
    }

    @Test
    void help_documents_the_rate_limit_groups() {
        var run = OrderingCliTest.run(new Wiring(), "serve", "--help");
        assertThat(run.out())
                .contains("--rate-limits")
                .contains("GROUP=CAPACITY/PERIOD")
                .contains("read,")
                .contains("checkout");
    }
}
