package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ordering serve} prints once it serves: every command in it runs as printed. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BannerTest {
    @TempDir
    Path dataDir;

    /** A wiring whose server stops as soon as it has printed its banner. */
    private static final class StopAtOnce extends Wiring {
        @Override
        void serveUntilStopped(GrpcServer server, PrintWriter out) {
            // returning closes the server: the banner is all this test wants
        }
    }

    private String banner() {
        var serve = run(new StopAtOnce(), "serve", "--in-memory", "--port", "0", "--data-dir", dataDir.toString());
        assertThat(serve.exitCode()).as(serve.err()).isZero();
        return serve.out();
    }

    private static String line(String banner, String label) {
        return banner.lines()
                .filter(line -> line.startsWith(label))
                .map(line -> line.substring(label.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no '" + label + "' line in:\n" + banner));
    }

    @Test
    void the_token_command_names_the_launcher_and_runs_as_printed() throws Exception {
        String command = line(banner(), "Get a token:");

        // under Maven there is no launcher: the banner names bin/ordering, the one a newcomer has
        assertThat(command).startsWith("bin/ordering token mint ").doesNotContain("$(", "uuidgen");
        String[] args = command.substring("bin/ordering ".length()).split(" ");
        var minted = run(new Wiring(), args);
        assertThat(minted.exitCode()).as(minted.err()).isZero();
        var verifier = JwtVerifier.fromFile(dataDir.resolve("dev-jwks.json"), DevKeys.ISSUER, DevKeys.AUDIENCE);
        assertThat(verifier.verify(minted.out().strip()).roles()).hasSize(1);
        assertThat(Arrays.asList(args)).containsSubsequence("--data-dir", dataDir.toString());
    }

    @Test
    void the_banner_says_how_to_stop_the_server_by_its_pid() {
        assertThat(line(banner(), "Stop:"))
                .isEqualTo("Ctrl-C, or kill " + ProcessHandle.current().pid());
    }

    @Test
    void commands_name_the_launcher_the_user_started_and_quote_what_the_shell_would_split() {
        var lines = GettingStarted.lines("./bin/ordering", Path.of("my data/it's"), 42);

        assertThat(lines)
                .contains("Get a token:   ./bin/ordering token mint --role user --data-dir 'my data/it'\\''s'");
        assertThat(GettingStarted.shellWord("/tmp/fresh-1/bin/ordering")).isEqualTo("/tmp/fresh-1/bin/ordering");
        assertThat(GettingStarted.shellWord("")).isEqualTo("''");
        assertThat(GettingStarted.shellWord("a$b")).isEqualTo("'a$b'");
    }
}
