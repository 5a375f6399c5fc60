package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.Checkpoints;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.Inventory;
import org.bookworm.ordering.core.port.OrderViews;
import org.bookworm.ordering.core.port.SagaDeadlines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The whole end-to-end checkout suite with PostgreSQL as the system of record ({@link PostgresBookWorm}): one fresh
 * database for the class, every table emptied before each scenario.
 */
class CheckoutEndToEndIT extends CheckoutEndToEndContract {
    private static TestDatabase db;
    private static PostgresAdapters pg;

    @BeforeAll
    static void start() {
        db = TestDatabase.create();
        pg = PostgresAdapters.start(db.config());
    }

    @AfterAll
    static void stop() {
        pg.close();
        db.close();
    }

    @Override
    protected CheckoutWorld newWorld() {
        db.truncateAll();
        return new PostgresWorld(new PostgresBookWorm(pg));
    }

    private record PostgresWorld(PostgresBookWorm bookworm) implements CheckoutWorld {
        @Override
        public Instant now() {
            return bookworm.clock.instant();
        }

        @Override
        public Instant advance(Duration by) {
            return bookworm.clock.advance(by);
        }

        @Override
        public BuyerService buyers() {
            return bookworm.buyers;
        }

        @Override
        public OrderService orders() {
            return bookworm.orders;
        }

        @Override
        public OrderQueries queries() {
            return bookworm.queries;
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
            return pg.inventory();
        }

        @Override
        public SagaDeadlines deadlines() {
            return pg.sagaDeadlines();
        }

        @Override
        public EmailOutbox outbox() {
            return pg.emailOutbox();
        }

        // The port has no listing; read the keys here and each row through the port, oldest first.
        @Override
        public List<EmailOutbox.Row> outboxRows() {
            var rows = new ArrayList<EmailOutbox.Row>();
            try (Connection c = db.connect();
                    Statement st = c.createStatement();
                    ResultSet keys = st.executeQuery(
                            "SELECT order_id, kind FROM notification.email_outbox ORDER BY created_at, id")) {
                while (keys.next()) {
                    var order = new OrderId(keys.getObject(1, java.util.UUID.class));
                    rows.add(pg.emailOutbox()
                            .find(order, EmailKind.valueOf(keys.getString(2)))
                            .orElseThrow());
                }
            } catch (SQLException failed) {
                throw new IllegalStateException("cannot list the outbox", failed);
            }
            return rows;
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
            return pg.orderViews();
        }

        @Override
        public EventLog log() {
            return pg.eventLog();
        }

        @Override
        public Checkpoints checkpoints() {
            return pg.checkpoints();
        }

        @Override
        public DeadLetters deadLetters() {
            return pg.deadLetters();
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
