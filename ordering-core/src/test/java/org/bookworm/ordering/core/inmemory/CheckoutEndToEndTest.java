package org.bookworm.ordering.core.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.app.BasketService;
import org.bookworm.ordering.core.app.BuyerService;
import org.bookworm.ordering.core.app.CheckoutSagaService;
import org.bookworm.ordering.core.app.CheckoutService;
import org.bookworm.ordering.core.app.OrderQueries;
import org.bookworm.ordering.core.app.OrderService;
import org.bookworm.ordering.core.app.PaymentService;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.contract.CheckoutEndToEndContract;
import org.bookworm.ordering.core.contract.CheckoutWorld;
import org.bookworm.ordering.core.port.Checkpoints;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.Inventory;
import org.bookworm.ordering.core.port.OrderViews;
import org.bookworm.ordering.core.port.SagaDeadlines;
import org.bookworm.ordering.core.testing.ManualClock;

/** The end-to-end checkout suite on {@link InMemoryBookWorm}. */
class CheckoutEndToEndTest extends CheckoutEndToEndContract {
    @Override
    protected CheckoutWorld newWorld() {
        return new InMemoryWorld();
    }

    private static final class InMemoryWorld implements CheckoutWorld {
        private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        private final InMemoryBookWorm bookworm = new InMemoryBookWorm(clock, new SplittableRandom(42));

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public Instant advance(Duration by) {
            return clock.advance(by);
        }

        @Override
        public BuyerService buyers() {
            return bookworm.ordering.buyers;
        }

        @Override
        public OrderService orders() {
            return bookworm.ordering.orders;
        }

        @Override
        public OrderQueries queries() {
            return bookworm.ordering.queries;
        }

        @Override
        public BasketService baskets() {
            return bookworm.baskets;
        }

        @Override
        public BasketStore basketStore() {
            return bookworm.basketStore;
        }

        @Override
        public InMemoryCatalog catalog() {
            return bookworm.catalog;
        }

        @Override
        public CheckoutService checkout() {
            return bookworm.checkout;
        }

        @Override
        public CheckoutSagaService sagas() {
            return bookworm.sagas;
        }

        @Override
        public PaymentService payments() {
            return bookworm.payments;
        }

        @Override
        public Inventory inventory() {
            return bookworm.inventory;
        }

        @Override
        public SagaDeadlines deadlines() {
            return bookworm.deadlines;
        }

        @Override
        public EmailOutbox outbox() {
            return bookworm.outbox;
        }

        @Override
        public List<EmailOutbox.Row> outboxRows() {
            return bookworm.outbox.all();
        }

        @Override
        public SimulatedPaymentGateway gateway() {
            return bookworm.gateway;
        }

        @Override
        public InMemoryMailer mailer() {
            return bookworm.mailer;
        }

        @Override
        public OrderViews orderViews() {
            return bookworm.ordering.orderViews;
        }

        @Override
        public EventLog log() {
            return bookworm.ordering.events;
        }

        @Override
        public Checkpoints checkpoints() {
            return bookworm.ordering.checkpoints;
        }

        @Override
        public DeadLetters deadLetters() {
            return bookworm.ordering.deadLetters;
        }

        @Override
        public void drain() {
            bookworm.drain();
        }

        @Override
        public int fireDeadlinesAt(Instant now) {
            return bookworm.fireDeadlinesAt(now);
        }
    }
}
