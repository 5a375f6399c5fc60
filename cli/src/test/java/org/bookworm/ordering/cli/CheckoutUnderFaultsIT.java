package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.app.Caller;
import org.bookworm.ordering.core.app.Outcome;
import org.bookworm.ordering.core.app.SubscriptionStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11.1's fault test: the whole PostgreSQL stack of {@code ordering serve} on a PostgreSQL cluster and a Redis
 * the test owns. Buyers keep checking out (approved and declined payments) while Redis, then in the other case every
 * PostgreSQL process, is frozen (SIGSTOP) for a few seconds and thawed (SIGCONT), so the freeze lands on whatever saga
 * steps are in flight: placing, reserving, authorizing, confirming or failing, clearing or releasing the basket.
 * Afterwards every order must reach Confirmed or Failed, every basket must be free again, and nothing may be held.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutUnderFaultsIT {
    private static final int BUYERS = 12;
    private static final Duration FREEZE = Duration.ofSeconds(5);
    private static final Caller ADMIN = Caller.admin("fault-test");

    @TempDir
    Path dataDir;

    interface Fault {
        void freeze();

        void thaw();
    }

    @Test
    void a_frozen_redis_strands_no_order_and_no_basket() throws Exception {
        try (var redis = OwnRedis.start();
                var database = EmbeddedDatabase.start(dataDir)) {
            run(database, redis, new Fault() {
                @Override
                public void freeze() {
                    redis.freeze();
                }

                @Override
                public void thaw() {
                    redis.thaw();
                }
            });
        }
    }

    @Test
    void a_frozen_postgresql_strands_no_order_and_no_basket() throws Exception {
        try (var redis = OwnRedis.start();
                var database = EmbeddedDatabase.start(dataDir)) {
            run(database, redis, new Fault() {
                private List<Long> frozen = List.of();

                @Override
                public void freeze() {
                    frozen = Signals.cluster(database.cluster());
                    Signals.send("-STOP", frozen);
                }

                @Override
                public void thaw() {
                    Signals.send("-CONT", frozen);
                }
            });
        }
    }

    private void run(EmbeddedDatabase database, OwnRedis redis, Fault fault) throws Exception {
        var timeouts = new CheckoutTimeouts(Duration.ofSeconds(2), 3);
        var redisConfig = Wiring.redisConfig(redis.uri(), "fault-" + UUID.randomUUID() + ":");
        try (var stack = new Wiring().postgres(database.jdbcUrl(), redisConfig, new LoggingMailer(), timeouts)) {
            var services = stack.services();
            List<Caller> buyers = createBuyers(stack);
            var placed = new ArrayList<UUID>();
            var refused = new AtomicInteger();
            int mostHeld = 0;
            long start = System.nanoTime();
            boolean frozen = false;
            boolean thawed = false;
            try {
                for (int round = 0; elapsed(start).compareTo(Duration.ofSeconds(14)) < 0; round++) {
                    if (!frozen && elapsed(start).compareTo(Duration.ofSeconds(3)) > 0) {
                        fault.freeze();
                        frozen = true;
                    }
                    if (frozen
                            && !thawed
                            && elapsed(start).compareTo(Duration.ofSeconds(3).plus(FREEZE)) > 0) {
                        fault.thaw();
                        thawed = true;
                    }
                    for (int b = 0; b < buyers.size(); b++) {
                        placeIfFree(stack, buyers.get(b), (round + b) % 2 == 0, placed, refused);
                    }
                    mostHeld = Math.max(mostHeld, heldNow(stack));
                }
            } finally {
                if (frozen && !thawed) {
                    fault.thaw();
                }
            }
            awaitSettled(stack, database, buyers, Duration.ofSeconds(60));

            assertThat(placed).as("orders placed around the freeze").hasSizeGreaterThan(BUYERS);
            assertThat(statuses(database))
                    .as("every order reached Confirmed or Failed")
                    .containsOnlyKeys("CONFIRMED", "FAILED");
            for (Caller buyer : buyers) {
                assertThat(services.baskets().get(buyer).checkedOutBy())
                        .as("basket of " + buyer)
                        .isNull();
            }
            assertThat(services.deadLetters().statuses())
                    .as("nothing held, nothing parked")
                    .allSatisfy(status ->
                            assertThat(status.healthy()).as(status.toString()).isTrue());
            System.out.printf(
                    "fault test: %d orders placed, %d placements refused during the freeze, at most %d lanes held%n",
                    placed.size(), refused.get(), mostHeld);
        }
    }

    private static void placeIfFree(
            PostgresStack stack, Caller buyer, boolean approve, List<UUID> placed, AtomicInteger refused) {
        var services = stack.services();
        try {
            if (services.baskets().get(buyer).checkedOutBy() != null) {
                return;
            }
            services.baskets().add(buyer, Wiring.DUNE, Quantity.of(1));
            var outcome = services.checkout()
                    .placeOrder(
                            buyer,
                            "fault-" + UUID.randomUUID(),
                            approve ? PaymentMethod.APPROVE : PaymentMethod.DECLINE);
            if (outcome instanceof Outcome.Done<?> done) {
                placed.add(done.stream().id());
            }
        } catch (RuntimeException unavailable) {
            refused.incrementAndGet(); // UNAVAILABLE for the caller while a store is frozen: the caller retries
        }
    }

    private static List<Caller> createBuyers(PostgresStack stack) throws InterruptedException {
        var buyers = new ArrayList<Caller>();
        for (int i = 0; i < BUYERS; i++) {
            var buyer = Caller.buyer(new BuyerId(UUID.randomUUID()));
            stack.services()
                    .buyers()
                    .create(
                            buyer,
                            new PersonName("Buyer " + i),
                            new EmailAddress("buyer" + i + "@example.com"),
                            new Address("1 Main St", "Oslo", "OS"));
            buyers.add(buyer);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (buyers.stream()
                .anyMatch(buyer ->
                        stack.services().buyerViews().find(buyer.buyerId()).isEmpty())) {
            assertThat(System.nanoTime()).as("buyer profiles projected").isLessThan(deadline);
            Thread.sleep(50);
        }
        return buyers;
    }

    private static int heldNow(PostgresStack stack) {
        try {
            return stack.services().deadLetters().statuses().stream()
                    .mapToInt(status -> status.retryingLanes() + status.parkedLanes())
                    .sum();
        } catch (RuntimeException unavailable) {
            return 0;
        }
    }

    private static void awaitSettled(
            PostgresStack stack, EmbeddedDatabase database, List<Caller> buyers, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                boolean basketsFree = buyers.stream()
                        .allMatch(buyer -> stack.services().baskets().get(buyer).checkedOutBy() == null);
                boolean nothingHeld =
                        stack.services().deadLetters().statuses().stream().allMatch(SubscriptionStatus::healthy);
                boolean ordersTerminal = statuses(database).keySet().stream()
                        .allMatch(status -> status.equals("CONFIRMED") || status.equals("FAILED"));
                if (basketsFree && nothingHeld && ordersTerminal) {
                    return;
                }
            } catch (RuntimeException | SQLException notYet) {
                // a store still waking up
            }
            Thread.sleep(250);
        }
    }

    private static Map<String, Integer> statuses(EmbeddedDatabase database) throws SQLException {
        var counts = new HashMap<String, Integer>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl());
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery("SELECT status, count(*) FROM ordering.order_views GROUP BY status")) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
