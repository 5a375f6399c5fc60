package org.bookworm.ordering.adapter.postgres;

import java.sql.PreparedStatement;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.eventsourcing.Subscription;

/**
 * The child process of {@link CrashSafetyIT}: runs a projection whose effect is a row in {@code public.effects}. In
 * {@code crash} mode it commits one batch, then in the second batch writes its effects, says so on stdout, and waits
 * to be killed before the checkpoint can commit. In {@code finish} mode it drains the log and exits.
 */
final class CrashChild {
    static final String EFFECTS_WRITTEN = "EFFECTS-WRITTEN-WAITING-FOR-KILL";
    static final int BATCH = 10;

    private CrashChild() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        boolean crash = args[1].equals("crash");
        var handled = new AtomicInteger();
        try (var pg = PostgresAdapters.start(new PostgresConfig(url, "", "", 2))) {
            var runner = new Subscription(
                    "crash-effects",
                    pg.eventLog(),
                    pg.checkpoints(),
                    pg.deadLetters(),
                    event -> {
                        Jdbc.withConnection(pg.dataSource(), "write an effect", c -> {
                            try (PreparedStatement ps =
                                    c.prepareStatement("INSERT INTO public.effects (event_id) VALUES (?)")) {
                                ps.setObject(1, event.eventId());
                                return ps.executeUpdate();
                            }
                        });
                        if (crash && handled.incrementAndGet() == BATCH + BATCH / 2) {
                            System.out.println(EFFECTS_WRITTEN);
                            System.out.flush();
                            EventLogEssentialsIT.sleep(120_000);
                        }
                    },
                    BATCH,
                    1,
                    Subscription.Retries.on(InstantSource.system()),
                    pg.unitOfWork());
            runner.drain();
        }
        System.exit(0);
    }
}
