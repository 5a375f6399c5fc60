package org.bookworm.ordering.adapter.postgres;

import java.util.List;
import org.bookworm.ordering.core.contract.CheckoutWorld;
import org.bookworm.ordering.core.contract.RequestIdContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The request-id suite with PostgreSQL as the system of record: claims, waits and stored outcomes go through {@code
 * eventstore.idempotency} (migration V6) and the append function. One fresh database for the class, every table
 * emptied before each scenario.
 */
class RequestIdIT extends RequestIdContract {
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
        var bookworm = new PostgresBookWorm(pg);
        return new CheckoutWorld(
                bookworm.clock,
                bookworm.buyers,
                bookworm.orders,
                bookworm.queries,
                bookworm.baskets,
                bookworm.basketStore,
                bookworm.catalog,
                bookworm.checkout,
                bookworm.sagas,
                bookworm.payments,
                pg.inventory(),
                pg.sagaDeadlines(),
                pg.emailOutbox(),
                List::of, // the suite never looks at the outbox
                bookworm.gateway,
                bookworm.mailer,
                pg.orderViews(),
                pg.eventLog(),
                pg.checkpoints(),
                pg.deadLetters(),
                bookworm::drain,
                bookworm::fireDeadlinesAt);
    }
}
