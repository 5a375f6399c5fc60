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
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole end-to-end checkout suite with PostgreSQL as the system of record ({@link PostgresBookWorm}): one fresh
 * database for the class, every table emptied before each scenario.
 */
class CheckoutEndToEndIT extends CheckoutEndToEndContract {
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
                CheckoutEndToEndIT::outboxRows,
                bookworm.gateway,
                bookworm.mailer,
                pg.adapters().orderViews(),
                pg.adapters().eventLog(),
                pg.adapters().checkpoints(),
                pg.adapters().deadLetters(),
                bookworm::drain,
                bookworm::fireDeadlinesAt);
    }

    // The port has no listing; read the keys here and each row through the port, oldest first.
    private static List<EmailOutbox.Row> outboxRows() {
        var rows = new ArrayList<EmailOutbox.Row>();
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement();
                ResultSet keys = st.executeQuery(
                        "SELECT order_id, kind FROM notification.email_outbox ORDER BY created_at, id")) {
            while (keys.next()) {
                var order = new OrderId(keys.getObject(1, java.util.UUID.class));
                rows.add(pg.adapters()
                        .emailOutbox()
                        .find(order, EmailKind.valueOf(keys.getString(2)))
                        .orElseThrow());
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot list the outbox", failed);
        }
        return rows;
    }
}
