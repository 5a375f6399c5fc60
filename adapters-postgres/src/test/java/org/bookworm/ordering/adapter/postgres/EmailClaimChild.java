package org.bookworm.ordering.adapter.postgres;

import java.time.Duration;
import java.time.Instant;

/**
 * The child process of {@link EmailClaimsIT}: claims the due e-mail as a deliverer about to send it would (for the
 * two-minute lease of {@code OutboxSender}), says so on stdout with the row's id, and waits to be killed with the claim
 * still held.
 */
final class EmailClaimChild {
    static final String CLAIMED = "CLAIMED ";

    private EmailClaimChild() {}

    public static void main(String[] args) throws Exception {
        try (var pg = PostgresAdapters.start(new PostgresConfig(args[0], "", "", 2))) {
            Instant now = Instant.now();
            var claimed = pg.emailOutbox().claimNext(now, now.plus(Duration.ofMinutes(2)));
            System.out.println(claimed.map(row -> CLAIMED + row.id()).orElse("NOTHING CLAIMED"));
            System.out.flush();
            Thread.sleep(Duration.ofMinutes(3));
        }
        System.exit(0);
    }
}
