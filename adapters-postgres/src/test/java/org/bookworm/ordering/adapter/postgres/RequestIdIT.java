package org.bookworm.ordering.adapter.postgres;

import java.util.List;
import org.bookworm.ordering.core.contract.CheckoutWorld;
import org.bookworm.ordering.core.contract.RequestIdContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request-id suite with PostgreSQL as the system of record: claims, waits and stored outcomes go through {@code
 * eventstore.idempotency} (migration V6) and the append function. One fresh database for the class, every table
 * emptied before each scenario.
 */
class RequestIdIT extends RequestIdContract {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    @Override
    protected CheckoutWorld newWorld() {
        pg.db().truncateAll();
        var bookworm = new PostgresBookWorm(pg.adapters());
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
                pg.adapters().inventory(),
                pg.adapters().sagaDeadlines(),
                pg.adapters().emailOutbox(),
                List::of, // the suite never looks at the outbox
                bookworm.gateway,
                bookworm.mailer,
                pg.adapters().orderViews(),
                pg.adapters().eventLog(),
                pg.adapters().checkpoints(),
                pg.adapters().deadLetters(),
                bookworm::drain,
                bookworm::fireDeadlinesAt);
    }
}
