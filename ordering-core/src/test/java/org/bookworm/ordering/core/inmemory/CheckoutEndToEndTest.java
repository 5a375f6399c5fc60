package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.contract.CheckoutEndToEndContract;
import org.bookworm.ordering.core.contract.CheckoutWorld;
import org.bookworm.ordering.core.testing.ManualClock;

/** The end-to-end checkout suite on {@link InMemoryBookWorm}. */
class CheckoutEndToEndTest extends CheckoutEndToEndContract {
    @Override
    protected CheckoutWorld newWorld() {
        var clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        var bookworm = new InMemoryBookWorm(clock, new SplittableRandom(42));
        return new CheckoutWorld(
                clock,
                bookworm.ordering.buyers,
                bookworm.ordering.orders,
                bookworm.ordering.queries,
                bookworm.baskets,
                bookworm.basketStore,
                bookworm.catalog,
                bookworm.checkout,
                bookworm.sagas,
                bookworm.payments,
                bookworm.inventory,
                bookworm.deadlines,
                bookworm.outbox,
                bookworm.outbox::all,
                bookworm.gateway,
                bookworm.mailer,
                bookworm.ordering.orderViews,
                bookworm.ordering.events,
                bookworm.ordering.checkpoints,
                bookworm.ordering.deadLetters,
                bookworm::drain,
                bookworm::fireDeadlinesAt);
    }
}
