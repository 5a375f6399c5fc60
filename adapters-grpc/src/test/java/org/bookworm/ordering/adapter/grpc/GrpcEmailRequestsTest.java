package org.bookworm.ordering.adapter.grpc;

import java.time.Duration;
import java.util.Set;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.contract.EmailRequestsContract;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.junit.jupiter.api.AfterEach;

/** Notification's e-mail requests through its internal RPC, on the in-memory outbox behind an in-process server. */
class GrpcEmailRequestsTest extends EmailRequestsContract {
    private InternalApi notification;

    @Override
    protected Emails emptyEmails() {
        notification = new InternalApi(Set.of(Service.NOTIFICATION), true, new InMemoryInventory());
        return new Emails(notification.emailRequests(Duration.ofSeconds(10)), notification.bookworm.outbox);
    }

    @AfterEach
    void stop() {
        notification.close();
    }
}
