package org.bookworm.ordering.core.inmemory;

import java.util.SplittableRandom;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.contract.PaymentAuthorizationsContract;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.testing.ManualClock;

/** Finance's payment authorizations on the in-memory event store. */
class InMemoryPaymentAuthorizationsTest extends PaymentAuthorizationsContract {
    @Override
    protected Payments emptyPayments() {
        var clock = new ManualClock(ContractFixtures.T0);
        var events = new InMemoryEventStore(clock);
        var gateway = new SimulatedPaymentGateway();
        var finance = new PaymentService(
                new EventSourcedRunner.Stores(
                        events,
                        new InMemorySnapshots(),
                        events,
                        new UuidV7Generator(clock, new SplittableRandom(1)),
                        clock),
                gateway);
        return new Payments(finance, finance, gateway);
    }
}
