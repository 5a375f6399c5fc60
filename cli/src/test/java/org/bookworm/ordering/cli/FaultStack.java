package org.bookworm.ordering.cli;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.OrderingApi;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.notification.NotificationService;
import org.jspecify.annotations.Nullable;

/**
 * The whole PostgreSQL stack of {@code ordering serve} on a PostgreSQL cluster and a redis-server the test owns, its
 * checkout ports wrapped by a {@link StepFreezer}. The JDBC socket timeout is short (2 s, below the freeze), so a
 * statement sent to the frozen server fails while it is frozen instead of waiting for it; Redis commands time out
 * after the default 500 ms. Closing thaws and stops both servers, by PID, and kills what does not stop.
 */
final class FaultStack implements AutoCloseable {
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    private final OwnRedis redis;
    private final EmbeddedDatabase database;
    private final long postmaster;
    private final StepFreezer freezer;
    private final PostgresStack stack;

    private FaultStack(
            OwnRedis redis, EmbeddedDatabase database, long postmaster, StepFreezer freezer, PostgresStack stack) {
        this.redis = redis;
        this.database = database;
        this.postmaster = postmaster;
        this.freezer = freezer;
        this.stack = stack;
    }

    static FaultStack start(Path dataDir, Duration freeze, CheckoutTimeouts timeouts) throws Exception {
        var redis = OwnRedis.start();
        EmbeddedDatabase database = null;
        var freezer = new StepFreezer(freeze);
        try {
            database = EmbeddedDatabase.start(dataDir);
            long postmaster = Signals.postmaster(database.cluster());
            var redisConfig = Wiring.redisConfig(redis.url(), "fault-" + UUID.randomUUID() + ":");
            String jdbcUrl = database.jdbcUrl() + "&socketTimeout=" + SOCKET_TIMEOUT.toSeconds();
            var stack = new Wiring()
                    .postgres(
                            jdbcUrl,
                            redisConfig,
                            new LoggingMailer(),
                            new PostgresStack.Options(
                                    NotificationService.Settings.DEFAULT, timeouts, FreezingPorts.around(freezer)));
            return new FaultStack(redis, database, postmaster, freezer, stack);
        } catch (Exception | AssertionError failed) {
            freezer.close();
            if (database != null) {
                database.close();
            }
            redis.close();
            throw failed;
        }
    }

    OrderingApi.Services services() {
        return stack.services();
    }

    PostgresAdapters postgres() {
        return stack.postgres();
    }

    StepFreezer freezer() {
        return freezer;
    }

    /** Stops (and continues) the redis-server's one process. */
    StepFreezer.Fault redisFault() {
        return new StepFreezer.Fault() {
            @Override
            public void freeze() {
                redis.freeze();
            }

            @Override
            public void thaw() {
                redis.thaw();
            }
        };
    }

    /** Stops (and continues) the postmaster and every process it forked, as they are when the freeze comes. */
    StepFreezer.Fault postgresFault() {
        return new StepFreezer.Fault() {
            private volatile List<Long> frozen = List.of();

            /**
             * The postmaster first: stopped, it forks no backend and reaps none, so every child listed after it is
             * still there for kill, an exited one as a zombie. Listed before it was stopped, a backend that ended in
             * between (a connection closed, a session PostgreSQL ended) made kill fail with "No such process".
             */
            @Override
            public synchronized void freeze() {
                long postmaster = Signals.postmaster(database.cluster());
                Signals.send("-STOP", List.of(postmaster));
                var pids = new ArrayList<Long>(List.of(postmaster));
                pids.addAll(Signals.descendants(postmaster));
                frozen = List.copyOf(pids);
                if (pids.size() > 1) {
                    Signals.send("-STOP", pids.subList(1, pids.size()));
                }
            }

            @Override
            public synchronized void thaw() {
                List<Long> stopped = frozen;
                frozen = List.of();
                // a backend that ended since (after an earlier thaw) is no longer there to continue
                List<Long> left = new ArrayList<>(stopped.stream()
                        .filter(pid -> ProcessHandle.of(pid).isPresent())
                        .toList());
                // the postmaster (first) last: continued first, it reaps a child that had already exited when the
                // freeze came before kill reaches that child's PID, and kill then fails with "No such process"
                Collections.rotate(left, -1);
                if (!left.isEmpty()) {
                    Signals.send("-CONT", left);
                }
            }
        };
    }

    /** Buyers with a profile, once the buyer projection shows every one of them (PlaceOrder reads it). */
    List<Caller> createBuyers(int count) {
        var buyers = new ArrayList<Caller>();
        for (int i = 0; i < count; i++) {
            var buyer = Caller.buyer(new BuyerId(UUID.randomUUID()));
            services()
                    .buyers()
                    .create(
                            buyer,
                            new PersonName("Buyer " + i),
                            new EmailAddress("buyer" + i + "@example.com"),
                            new Address("1 Main St", "Oslo", "OS"));
            buyers.add(buyer);
        }
        await("buyer profiles projected")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> buyers.stream()
                        .allMatch(buyer ->
                                services().buyerViews().find(buyer.buyerId()).isPresent()));
        return buyers;
    }

    /** How many OrderPlaced events of this buyer the event store holds, read straight from the table. */
    int ordersPlacedBy(BuyerId buyer) throws SQLException {
        try (var connection = DriverManager.getConnection(database.jdbcUrl());
                var statement = connection.prepareStatement("SELECT count(*) FROM eventstore.events"
                        + " WHERE type = 'OrderPlaced' AND position(? in data::text) > 0")) {
            statement.setString(1, buyer.toString());
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Override
    public void close() {
        @Nullable RuntimeException failed = null;
        freezer.close(); // thaws whatever a failed scenario left frozen, before anything waits on it
        try {
            stack.close();
        } catch (RuntimeException closing) {
            failed = closing;
        }
        try {
            database.close();
        } catch (RuntimeException stopping) {
            failed = failed == null ? stopping : failed;
        }
        // pg_ctl stop waits for the postmaster; one that outlived it is killed, by its PID only
        ProcessHandle.of(postmaster)
                .filter(ProcessHandle::isAlive)
                .ifPresent(left -> Signals.send("-KILL", List.of(left.pid())));
        redis.close();
        if (failed != null) {
            throw failed;
        }
    }
}
