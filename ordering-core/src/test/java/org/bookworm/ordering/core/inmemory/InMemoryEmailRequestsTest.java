package org.bookworm.ordering.core.inmemory;

import java.util.SplittableRandom;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.contract.EmailRequestsContract;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.testing.ManualClock;

/** Notification's e-mail requests on the in-memory outbox. */
class InMemoryEmailRequestsTest extends EmailRequestsContract {
    @Override
    protected Emails emptyEmails() {
        var clock = new ManualClock(ContractFixtures.T0);
        var outbox = new InMemoryEmailOutbox();
        var notifications = new NotificationService(
                outbox, new InMemoryMailer(), new UuidV7Generator(clock, new SplittableRandom(1)), clock);
        return new Emails(notifications, outbox);
    }
}
