package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's verbs on the embedded database of a data directory: started for the verb when no server holds it,
 * refused (exit 3, one line) when one does.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class AdminEmbeddedIT {
    @TempDir
    Path dataDir;

    @Test
    void a_verb_starts_the_embedded_database_of_the_data_directory_and_stops_it_after() {
        EmbeddedDatabase.start(dataDir).close(); // what a first ordering serve leaves behind

        var info = run(new Wiring(), "db", "info", "--data-dir", dataDir.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("Pending");

        var stats = run(new Wiring(), "events", "stats", "--data-dir", dataDir.toString());
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("total");
        assertThat(dataDir.resolve("postgres/postmaster.pid")).doesNotExist();
    }

    @Test
    void a_data_directory_a_server_holds_is_busy() throws Exception {
        EmbeddedDatabase.start(dataDir).close();
        Path cluster = dataDir.resolve("postgres");
        Path lock = cluster.resolve("epg-lock");
        if (!Files.exists(lock)) {
            Files.createFile(lock);
        }
        Files.writeString(cluster.resolve("postmaster.pid"), "999999\n");
        // another process holds zonky's lock, as a running ordering serve does
        Process holder = new ProcessBuilder(List.of(
                        "python3",
                        "-c",
                        "import fcntl,sys,time; f=open(sys.argv[1],'r+'); fcntl.lockf(f, fcntl.LOCK_EX);"
                                + " print('locked', flush=True); time.sleep(120)",
                        lock.toString()))
                .redirectErrorStream(true)
                .start();
        try (var reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("locked");
            var busy = run(new Wiring(), "projections", "list", "--data-dir", dataDir.toString());
            assertThat(busy.exitCode()).isEqualTo(3);
            assertThat(busy.err().lines()).singleElement().asString().contains("in use by another ordering serve");
        } finally {
            holder.destroyForcibly().waitFor();
            Files.deleteIfExists(cluster.resolve("postmaster.pid"));
        }
    }
}
