package org.bookworm.ordering.adapter.postgres;

import java.util.SplittableRandom;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.contract.PaymentAuthorizationsContract;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.testing.ManualClock;

/** Finance's payment authorizations on the PostgreSQL event store. */
class PostgresPaymentAuthorizationsIT extends PaymentAuthorizationsContract {
    @Override
    protected Payments emptyPayments() {
        var clock = new ManualClock(ContractFixtures.T0);
        var pg = ContractDatabase.empty();
        var gateway = new SimulatedPaymentGateway();
        var finance = new PaymentService(
                new EventSourcedRunner.Stores(
                        pg.eventStore(),
                        pg.snapshots(),
                        pg.idempotencyKeys(),
                        new UuidV7Generator(clock, new SplittableRandom(1)),
                        clock),
                gateway);
        return new Payments(finance, finance, gateway);
    }
}
