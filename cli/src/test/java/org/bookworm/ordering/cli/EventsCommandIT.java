package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** {@code ordering events stats|dump|tail} and {@code horizon} on a seeded database of their own. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventsCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ORDERS = 5;
    private static ScratchDatabase database;
    private static List<OrderId> orders;

    @BeforeAll
    static void seed() throws Exception {
        database = ScratchDatabase.create("ordering_events");
        orders = Seeds.orders(database.url(), ORDERS);
    }

    @AfterAll
    static void drop() throws Exception {
        database.close();
    }

    @Test
    void stats_count_by_stream_and_event_type() throws Exception {
        var table = run(new Wiring(), "events", "stats", "--postgres-url", database.url());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("OrderPlaced", "ItemsShipped", "CheckoutRequested", "in the last minute");

        var json =
                JSON.readTree(run(new Wiring(), "events", "stats", "--postgres-url", database.url(), "--output", "json")
                        .out());
        long events = json.get("events").asLong();
        assertThat(events).isGreaterThanOrEqualTo(ORDERS * 4 + 1); // the follow test may append one order more
        assertThat(json.get("types").findValues("events").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(events);
        assertThat(json.get("lastMinute").asLong()).isEqualTo(events);
        assertThat(json.get("types").findValuesAsText("type")).contains("OrderPlaced", "OrderConfirmed");
    }

    @Test
    void dump_writes_every_event_as_a_json_line_in_log_order_with_tokens_redacted() throws Exception {
        var dump = run(new Wiring(), "events", "dump", "--postgres-url", database.url());
        assertThat(dump.exitCode()).as(dump.err()).isZero();
        List<JsonNode> lines = lines(dump.out());
        assertThat(lines.size()).isGreaterThanOrEqualTo(ORDERS * 4 + 1);
        assertThat(lines.get(0).get("type").asText()).isEqualTo("OrderPlaced");
        assertThat(lines.get(0).get("data").get("orderId")).isNotNull();
        assertThat(dump.out()).doesNotContain(Seeds.TOKEN).contains("\"token\": \"***\"");
    }

    @Test
    void dump_selects_by_stream_type_and_position() throws Exception {
        String stream = "order-" + orders.get(1).value();
        var one = lines(run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--stream", stream)
                .out());
        assertThat(one)
                .hasSize(4)
                .allSatisfy(line -> assertThat(line.get("stream").asText()).isEqualTo(stream));

        var placed =
                lines(run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--type", "OrderPlaced")
                        .out());
        assertThat(placed.size()).isGreaterThanOrEqualTo(ORDERS);

        var after = lines(
                run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--since", "4", "--until", "8")
                        .out());
        assertThat(after).extracting(line -> line.get("position").asLong()).containsExactly(5L, 6L, 7L, 8L);

        var future = run(
                new Wiring(), "events", "dump", "--postgres-url", database.url(), "--since", "2999-01-01T00:00:00Z");
        assertThat(future.exitCode()).isZero();
        assertThat(future.out()).isEmpty();
    }

    @Test
    void a_malformed_bound_or_stream_is_one_line_and_exit_2() {
        var since = run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--since", "yesterday");
        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err().lines()).singleElement().asString().contains("--since", "'yesterday'");
        var stream = run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--stream", "nostream");
        assertThat(stream.exitCode()).isEqualTo(2);
        assertThat(stream.err().lines()).hasSize(1);
    }

    @Test
    void dump_refuses_a_position_past_the_end_a_range_that_ends_before_it_starts_and_an_unknown_type() {
        var past = run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--since", "100000");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err().lines()).singleElement().asString().contains("past the end of the log");
        assertThat(past.out()).isEmpty();

        var inverted =
                run(new Wiring(), "events", "dump", "--postgres-url", database.url(), "--since", "8", "--until", "4");
        assertThat(inverted.exitCode()).isEqualTo(2);
        assertThat(inverted.err().lines()).singleElement().asString().contains("--until", "before", "--since");
        assertThat(inverted.out()).isEmpty();

        var instants = run(
                new Wiring(),
                "events",
                "dump",
                "--postgres-url",
                database.url(),
                "--since",
                "2026-11-25T00:00:00Z",
                "--until",
                "2026-11-24T00:00:00Z");
        assertThat(instants.exitCode()).isEqualTo(2);
        assertThat(instants.err().lines()).singleElement().asString().contains("--until", "before", "--since");

        var typo = run(
                new Wiring(),
                "events",
                "dump",
                "--postgres-url",
                database.url(),
                "--type",
                "OrderPlaced",
                "--type",
                "OrderPlace");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err().lines())
                .singleElement()
                .asString()
                .contains("no event type 'OrderPlace'", "OrderPlaced", "OrderConfirmed");
        assertThat(typo.out()).isEmpty();
    }

    @Test
    void tail_from_a_position_prints_what_follows_and_stops_at_the_limit() throws Exception {
        var tail = run(new Wiring(), "events", "tail", "--postgres-url", database.url(), "--from", "0", "--limit", "3");
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(lines(tail.out()))
                .extracting(line -> line.get("position").asLong())
                .containsExactly(1L, 2L, 3L);

        var past = run(new Wiring(), "events", "tail", "--postgres-url", database.url(), "--from", "100000");
        assertThat(past.exitCode()).isEqualTo(2);
        assertThat(past.err().lines()).singleElement().asString().contains("past the end of the log");
    }

    @Test
    void tail_follow_from_now_prints_events_as_they_commit() throws Exception {
        var follow = CompletableFuture.supplyAsync(() ->
                run(new Wiring(), "events", "tail", "--postgres-url", database.url(), "--follow", "--limit", "4"));
        Thread.sleep(1_500); // the tail starts at "now" first; what is appended after it must come
        var appended = Seeds.orders(database.url(), 1);
        var tail = follow.get(60, TimeUnit.SECONDS);
        assertThat(tail.exitCode()).as(tail.err()).isZero();
        assertThat(lines(tail.out()))
                .extracting(line -> line.get("stream").asText())
                .containsOnly("order-" + appended.get(0).value());
    }

    @Test
    void an_orders_interleaved_history_shows_its_order_and_checkout_streams_in_log_order() throws Exception {
        String order = orders.get(0).value().toString();
        var history = run(new Wiring(), "orders", "history", order, "--interleaved", "--postgres-url", database.url());
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().lines().skip(1).map(line -> line.split("\\s+")[2] + " " + line.split("\\s+")[4]))
                .containsExactly(
                        "order OrderPlaced",
                        "order OrderModified",
                        "order OrderConfirmed",
                        "order ItemsShipped",
                        "checkout CheckoutRequested");

        var unknown = run(
                new Wiring(),
                "orders",
                "history",
                java.util.UUID.randomUUID().toString(),
                "--interleaved",
                "--postgres-url",
                database.url());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines()).singleElement().asString().contains("no events of order");
    }

    @Test
    void as_of_a_malformed_instant_is_a_usage_error_before_any_call() {
        var asOf =
                run(new Wiring(), "orders", "as-of", java.util.UUID.randomUUID().toString(), "last tuesday");
        assertThat(asOf.exitCode()).isEqualTo(2);
        assertThat(asOf.err().lines()).singleElement().asString().contains("not 'last tuesday'");
    }

    @Test
    void horizon_names_the_open_transaction_that_holds_readers_back() throws Exception {
        try (var holder = DriverManager.getConnection(database.url())) {
            holder.setAutoCommit(false);
            try (var st = holder.createStatement()) {
                st.execute("SELECT pg_current_xact_id()");
            }
            var horizon = run(new Wiring(), "horizon", "--postgres-url", database.url(), "--output", "json");
            assertThat(horizon.exitCode()).as(horizon.err()).isZero();
            var report = JSON.readTree(horizon.out());
            assertThat(report.get("holder").get("pid").asInt()).isPositive();
            assertThat(run(new Wiring(), "horizon", "--postgres-url", database.url())
                            .out())
                    .contains("holder:    transaction");
            holder.rollback();
        }
    }

    private static List<JsonNode> lines(String out) {
        return out.lines().map(EventsCommandIT::parse).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (java.io.IOException malformed) {
            throw new AssertionError("not JSON: " + line, malformed);
        }
    }
}
