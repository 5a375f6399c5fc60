package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step of {@code bin/ordering} ({@code bin/lib/build.sh}), run by bash with a stand-in for Maven: two
 * launchers started at once must build once, and neither may start the program before the jar is whole.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class LauncherBuildTest {
    private static final Path BUILD_SH = repositoryRoot().resolve("bin/lib/build.sh");

    @TempDir
    Path dir;

    /** What one launcher printed and how it exited. */
    record Ran(int exitCode, String out, String err) {}

    @Test
    void two_launchers_started_together_build_once_and_both_see_the_whole_jar() throws Exception {
        // the stand-in writes the jar in two steps, as Maven's shade step does, a second apart
        Path build = script(
                "echo start >> calls; printf part > app.jar; sleep 1; printf whole >> app.jar; echo end >> calls");
        Process first = launch(build);
        awaitFile(dir.resolve("calls"));
        Process second = launch(build);

        Ran firstRan = finish(first);
        Ran secondRan = finish(second);

        assertThat(firstRan.exitCode()).as(firstRan.err()).isZero();
        assertThat(secondRan.exitCode()).as(secondRan.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("calls"))).containsExactly("start", "end");
        assertThat(firstRan.out()).isEqualTo("partwhole");
        assertThat(secondRan.out()).isEqualTo("partwhole");
        assertThat(secondRan.err()).contains("another bin/ordering is building the command", "waiting");
    }

    @Test
    void a_build_says_what_it_does_and_keeps_maven_s_whole_output_in_the_log() throws Exception {
        Path build = script(
                "echo 'WARNING: A terminally deprecated method in sun.misc.Unsafe has been called'",
                "echo '[INFO] Downloading from central: https://repo.maven.apache.org/a.pom'",
                "echo '[INFO] Downloaded from central: https://repo.maven.apache.org/a.pom'",
                "echo '[INFO] Building BookWorm Orders for the JVM 0.1.0-SNAPSHOT           [1/3]'",
                "echo '[INFO] Building ordering-core 0.1.0-SNAPSHOT                         [2/3]'",
                "echo '[INFO] --- compiler:3.16.0:compile (default-compile) @ ordering-core ---'",
                "echo '[INFO] Building cli 0.1.0-SNAPSHOT                                   [3/3]'",
                "printf whole > app.jar");

        Ran ran = finish(launch(build));

        assertThat(ran.exitCode()).as(ran.err()).isZero();
        assertThat(ran.err().lines())
                .containsExactly(
                        "bin/ordering: building the command on first use (app.jar): Maven compiles the modules,"
                                + " downloading what it lacks once; about 1 to 3 minutes. Full log: "
                                + dir.resolve("build.log"),
                        "bin/ordering:   downloading dependencies (once)",
                        "bin/ordering:   [1/3] BookWorm Orders for the JVM",
                        "bin/ordering:   [2/3] ordering-core",
                        "bin/ordering:   [3/3] cli",
                        ran.err().lines().toList().getLast());
        assertThat(ran.err().lines().toList().getLast())
                .matches("bin/ordering: built in \\d+ s; later runs start at once");
        assertThat(Files.readString(dir.resolve("build.log"))).contains("sun.misc.Unsafe", "compiler:3.16.0:compile");

        Ran again = finish(launch(script("echo built again >> calls")));
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).isEmpty();
        assertThat(dir.resolve("calls")).doesNotExist();
    }

    @Test
    void a_failed_build_shows_its_errors_exits_with_its_status_and_names_the_log() throws Exception {
        Path build = script(
                "echo '[INFO] Building cli 0.1.0-SNAPSHOT [1/1]'", "echo '[ERROR] cannot find symbol'", "exit 3");

        Ran ran = finish(launch(build));

        assertThat(ran.exitCode()).isEqualTo(3);
        assertThat(ran.out()).isEmpty();
        assertThat(ran.err())
                .contains(
                        "[ERROR] cannot find symbol",
                        "the build failed (exit 3)",
                        dir.resolve("build.log").toString());
    }

    private Path script(String... lines) throws IOException {
        Path script = dir.resolve("fake-maven-" + System.nanoTime() + ".sh");
        Files.writeString(script, String.join("\n", lines) + "\n");
        return script;
    }

    /** Sources build.sh as bin/ordering does, then prints the jar the program would run. */
    private Process launch(Path build) throws IOException {
        var command = new ArrayList<>(List.of(
                "bash",
                "-c",
                "set -euo pipefail; source \"$1\"; ensure_built \"$PWD/app.jar\" \"$PWD/run/build.lock\""
                        + " \"$PWD/build.log\" bash \"$2\"; cat app.jar",
                "launcher",
                BUILD_SH.toString(),
                build.toString()));
        return new ProcessBuilder(command).directory(dir.toFile()).start();
    }

    private static Ran finish(Process process) throws Exception {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish within 30 s");
        }
        return new Ran(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not appear within 10 s");
            }
            Thread.sleep(20);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("bin/ordering"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/ordering above " + Path.of("").toAbsolutePath());
    }
}
