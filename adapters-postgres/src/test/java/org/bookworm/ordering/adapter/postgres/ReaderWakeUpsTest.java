package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When the NOTIFY for other processes goes out (ADR 0054's update): at once for a commit after a quiet window, so a
 * lone append costs a reader elsewhere no wait; otherwise at the end of the window opened by the last NOTIFY, so a
 * busy process still sends at most one per window.
 */
class ReaderWakeUpsTest {
    private static final long WINDOW = Duration.ofMillis(10).toNanos();

    @Test
    void aCommitAfterAQuietWindowIsAnnouncedAtOnce() {
        long lastSent = 1_000_000_000L;
        assertThat(ReaderWakeUps.untilNextSend(lastSent, lastSent + WINDOW, WINDOW))
                .isZero();
        assertThat(ReaderWakeUps.untilNextSend(lastSent, lastSent + 5 * WINDOW, WINDOW))
                .isZero();
    }

    @Test
    void aCommitWithinTheWindowOfTheLastNotifyWaitsForItsEnd() {
        long lastSent = 1_000_000_000L;
        long threeMillis = Duration.ofMillis(3).toNanos();
        assertThat(ReaderWakeUps.untilNextSend(lastSent, lastSent + threeMillis, WINDOW))
                .isEqualTo(WINDOW - threeMillis);
    }
}
