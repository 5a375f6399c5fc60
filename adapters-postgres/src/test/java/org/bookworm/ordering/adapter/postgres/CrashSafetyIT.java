package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A projection process killed between its effects and its checkpoint: after a restart nothing visible happened twice,
 * because effects and checkpoint commit in one transaction.
 */
class CrashSafetyIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    @Test
    void aProcessKilledBetweenEffectAndCheckpointRedoesNothingVisibleTwice() throws Exception {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.effects (event_id uuid NOT NULL)");
        }
        for (int i = 0; i < 25; i++) {
            var order = new OrderId(UUID.randomUUID());
            pg.adapters().eventStore().append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 2));
        }
        long events = EventLogEssentialsIT.countIn(pg.db(), "SELECT count(*) FROM eventstore.events");

        Process crashing = child("crash");
        try (var out = new BufferedReader(new InputStreamReader(crashing.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(CrashChild.EFFECTS_WRITTEN));
            assertThat(line)
                    .as("the child reached the point between effect and checkpoint")
                    .isNotNull();
            crashing.destroyForcibly();
            assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // The first batch committed with its checkpoint; the half-done second batch vanished with the process.
        await(() -> EventLogEssentialsIT.countIn(pg.db(), "SELECT count(*) FROM public.effects") == CrashChild.BATCH);
        assertThat(pg.adapters().checkpoints().load("crash-effects")).isNotEqualTo(LogPosition.START);

        Process finishing = child("finish");
        assertThat(finishing.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(finishing.exitValue()).isZero();

        assertThat(EventLogEssentialsIT.countIn(pg.db(), "SELECT count(*) FROM public.effects"))
                .isEqualTo(events);
        assertThat(EventLogEssentialsIT.countIn(pg.db(), "SELECT count(DISTINCT event_id) FROM public.effects"))
                .isEqualTo(events);
        List<RecordedEvent> all = pg.adapters().eventLog().readAfter(LogPosition.START, 1_000);
        assertThat(pg.adapters().checkpoints().load("crash-effects"))
                .isEqualTo(all.get(all.size() - 1).position());
    }

    private static Process child(String mode) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashChild.class.getName(),
                        pg.db().url,
                        mode)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static void await(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        // PostgreSQL notices the dead client and rolls its transaction back within moments.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("condition within 30 s").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
