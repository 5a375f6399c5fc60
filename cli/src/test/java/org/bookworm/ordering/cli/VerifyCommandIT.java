package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.PaymentEvent;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** {@code ordering verify}: a consistent database passes; each row corrupted on purpose is named, exit 5. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class VerifyCommandIT {
    private static final BookId BOOK = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000b1"));
    private ScratchDatabase database;
    private List<OrderId> orders;

    @BeforeEach
    void seed() throws Exception {
        database = ScratchDatabase.create("ordering_verify");
        orders = Seeds.orders(database.url(), 3);
        try (var pg = adapters()) {
            pg.inventory().restock(BOOK, 10);
        }
        var rebuild = run(new Wiring(), "projections", "rebuild", "order-views", "--postgres-url", database.url());
        assertThat(rebuild.exitCode()).as(rebuild.err()).isZero();
    }

    @AfterEach
    void drop() throws Exception {
        database.close();
    }

    @Test
    void a_consistent_database_passes() {
        var verify = run(new Wiring(), "verify", "--postgres-url", database.url());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("ok: all 6 invariants hold");
    }

    @Test
    void a_corrupted_read_model_is_named_with_its_order() throws Exception {
        String order = orders.get(1).value().toString();
        database.execute("UPDATE ordering.order_views"
                + " SET view = jsonb_set(view::jsonb, '{status}', '\"CANCELLED\"')::json"
                + " WHERE order_id = '" + order + "'");
        var verify = run(new Wiring(), "verify", "--postgres-url", database.url());
        assertThat(verify.exitCode()).isEqualTo(5);
        assertThat(verify.out().lines().filter(line -> line.startsWith("broken:")))
                .singleElement()
                .asString()
                .contains("every order's read model equals the fold of its stream", order, "CANCELLED");
    }

    @Test
    void a_capture_beyond_the_authorization_and_a_wrong_hold_are_named() throws Exception {
        var order = orders.get(0);
        try (var pg = adapters()) {
            pg.eventStore()
                    .append(
                            StreamId.of(PaymentService.STREAM, order.value()),
                            0,
                            List.of(ContractFixtures.newEvent(new PaymentEvent.PaymentCaptured(
                                    order, UUID.randomUUID(), Money.of("12.50", "EUR"), ContractFixtures.T0))));
        }
        database.execute("UPDATE basket.stock SET held = held + 2 WHERE book_id = '" + BOOK.value() + "'");
        var verify = run(new Wiring(), "verify", "--postgres-url", database.url());
        assertThat(verify.exitCode()).isEqualTo(5);
        assertThat(verify.out())
                .contains("broken: captured <= authorized and refunded <= captured per payment: payment-"
                        + order.value() + ": authorized 0, captured 1250")
                .contains("broken: stock held equals the open reservations", "book " + BOOK.value(), "held 2");
    }

    @Test
    void confirmed_orders_without_an_email_and_a_lagging_subscription_are_named() {
        var reset = run(
                new Wiring(),
                "subscriptions",
                "reset",
                "notifications",
                "--to",
                "12",
                "--force",
                "--postgres-url",
                database.url());
        assertThat(reset.exitCode()).as(reset.err()).isZero();
        var verify = run(new Wiring(), "verify", "--max-lag", "5", "--postgres-url", database.url());
        assertThat(verify.exitCode()).isEqualTo(5);
        assertThat(verify.out())
                .contains("every confirmed order has exactly one confirmation e-mail: order "
                        + orders.get(0).value())
                .contains("no subscription behind the log by more than the threshold: checkout-saga is");
    }

    private PostgresAdapters adapters() {
        return PostgresAdapters.startWithoutGroupCommit(
                PostgresConfig.fromEnv(System.getenv()).withUrl(database.url()));
    }
}
