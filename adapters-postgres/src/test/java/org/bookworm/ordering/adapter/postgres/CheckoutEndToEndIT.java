package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.contract.CheckoutEndToEndContract;
import org.bookworm.ordering.core.contract.CheckoutWorld;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.ordering.OrderId;
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
                CheckoutEndToEndIT::outboxRows,
                bookworm.gateway,
                bookworm.mailer,
                pg.orderViews(),
                pg.eventLog(),
                pg.checkpoints(),
                pg.deadLetters(),
                bookworm::drain,
                bookworm::fireDeadlinesAt);
    }

    // The port has no listing; read the keys here and each row through the port, oldest first.
    private static List<EmailOutbox.Row> outboxRows() {
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
}
