package org.bookworm.ordering.adapter.postgres;

import java.util.SplittableRandom;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.contract.EmailRequestsContract;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.testing.ManualClock;

/** Notification's e-mail requests on the PostgreSQL outbox. */
class PostgresEmailRequestsIT extends EmailRequestsContract {
    @Override
    protected Emails emptyEmails() {
        var clock = new ManualClock(ContractFixtures.T0);
        var outbox = ContractDatabase.empty().emailOutbox();
        var notifications = new NotificationService(
                outbox, new InMemoryMailer(), new UuidV7Generator(clock, new SplittableRandom(1)), clock);
        return new Emails(notifications, outbox);
    }
}
