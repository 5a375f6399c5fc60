package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.finance.CheckoutReactor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** {@code ordering dead-letters list|retry --postgres-url}: against a database of its own on the machine's server. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DeadLettersCommandIT {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");
    private String adminUrl;
    private String database;
    private String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        adminUrl = System.getenv()
                .getOrDefault("ORDERING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        var parts = URL.matcher(adminUrl);
        assertThat(parts.matches()).as(adminUrl).isTrue();
        database = "ordering_dl_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        url = parts.group(1) + database + parts.group(3);
        execute("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    @Test
    void list_shows_every_subscription_and_the_parked_lane_and_retry_makes_it_due() {
        var event = ContractFixtures.recorded(
                ContractFixtures.orderStream(), 1, 1, ContractFixtures.placed(ContractFixtures.ORDER));
        var options = new AdminOptions();
        options.postgresUrl = url;
        try (var admin = new Wiring().deadLetterAdmin(options)) {
            admin.session()
                    .pg()
                    .deadLetters()
                    .hold(CheckoutReactor.NAME, event, DeadLetters.Hold.parked(3, ContractFixtures.T0, "boom"));
        }

        var list = run(new Wiring(), "dead-letters", "list", "--postgres-url", url);
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out())
                .contains(
                        "checkout-saga",
                        "parked 1",
                        "PARKED",
                        event.stream().id().toString(),
                        "OrderPlaced")
                .contains("basket-clearing", "notifications", "order-views");

        var retry =
                run(new Wiring(), "dead-letters", "retry", "--subscription", "checkout-saga", "--postgres-url", url);
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("retrying 1 lanes (1 events)");
        assertThat(run(new Wiring(), "dead-letters", "list", "--postgres-url", url)
                        .out())
                .contains("retrying 1, parked 0");
    }

    @Test
    void show_prints_the_lane_and_drop_removes_it_recording_who_and_why() throws SQLException {
        var event = ContractFixtures.recorded(
                ContractFixtures.orderStream(), 1, 1, ContractFixtures.placed(ContractFixtures.ORDER));
        var options = new AdminOptions();
        options.postgresUrl = url;
        try (var admin = new Wiring().deadLetterAdmin(options)) {
            admin.session()
                    .pg()
                    .deadLetters()
                    .hold(CheckoutReactor.NAME, event, DeadLetters.Hold.parked(3, ContractFixtures.T0, "boom"));
        }
        String lane = event.stream().id().toString();

        var show = run(
                new Wiring(),
                "dead-letters",
                "show",
                "--subscription",
                "checkout-saga",
                "--lane",
                lane,
                "--postgres-url",
                url);
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("PARKED after 3 attempts", "boom", "\"type\":\"OrderPlaced\"");

        var drop = run(
                new Wiring(),
                "dead-letters",
                "drop",
                "--subscription",
                "checkout-saga",
                "--lane",
                lane,
                "--reason",
                "a test order",
                "--by",
                "ada",
                "--postgres-url",
                url);
        assertThat(drop.exitCode()).as(drop.err()).isZero();
        assertThat(drop.out()).contains("1 events", "dropped by ada");
        assertThat(rows("SELECT subscription, lane, events, dropped_by, reason,"
                        + " letters->0->>'type' FROM eventstore.dead_letter_drops"))
                .containsExactly("checkout-saga|" + lane + "|1|ada|a test order|OrderPlaced");

        var again = run(
                new Wiring(),
                "dead-letters",
                "drop",
                "--subscription",
                "checkout-saga",
                "--lane",
                lane,
                "--reason",
                "twice",
                "--postgres-url",
                url);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(rows("SELECT count(*) FROM eventstore.dead_letter_drops")).containsExactly("1");
        var unknown = run(
                new Wiring(),
                "dead-letters",
                "drop",
                "--subscription",
                "nope",
                "--lane",
                lane,
                "--reason",
                "x",
                "--postgres-url",
                url);
        assertThat(unknown.exitCode()).isEqualTo(2);
    }

    private java.util.List<String> rows(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            var rows = new java.util.ArrayList<String>();
            while (rs.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    @Test
    void unknown_names_are_usage_errors_and_an_unknown_lane_is_refused() {
        var unknown = run(new Wiring(), "dead-letters", "retry", "--subscription", "nope", "--postgres-url", url);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().contains("no subscription 'nope'");

        var lane = run(
                new Wiring(),
                "dead-letters",
                "retry",
                "--subscription",
                "checkout-saga",
                "--lane",
                UUID.randomUUID().toString(),
                "--postgres-url",
                url);
        assertThat(lane.exitCode()).isEqualTo(1);
        assertThat(lane.err()).contains("holds no lane");

        var badLane = run(
                new Wiring(), "dead-letters", "retry", "--subscription", "x", "--lane", "no", "--postgres-url", url);
        assertThat(badLane.exitCode()).isEqualTo(2);
    }

    private void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(adminUrl);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
