package org.bookworm.ordering.adapter.postgres;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;

/**
 * The child process of {@link ClaimOwnersIT}: claims one request id as a request about to run would (a lease of one
 * minute, as {@code RequestClaims} takes), says so on stdout, and waits to be killed with its claim still held.
 */
final class ClaimChild {
    static final String CLAIMED = "CLAIMED-WAITING-FOR-KILL";

    private ClaimChild() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String scope = args[1];
        String key = args[2];
        try (var pg = PostgresAdapters.start(new PostgresConfig(url, "", "", 2))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            var held = pg.idempotencyKeys()
                    .claim(IdempotencyRecord.inFlight(
                            scope, key, ClaimOwnersIT.HASH, now, now.plus(Duration.ofMinutes(1))));
            System.out.println(held.isEmpty() ? CLAIMED : "NOT CLAIMED: held by " + held.get());
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(2));
        }
        System.exit(0);
    }
}
