package org.bookworm.ordering.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.jspecify.annotations.Nullable;

/**
 * The open-source peer: Axon Framework 4.13's {@link JdbcEventStorageEngine} used standalone, as its own docs wire it
 * without Spring: its own PostgreSQL schema ({@code createSchema(PostgresEventTableFactory)}), a Jackson serializer
 * sharing our JSON mapping, a connection provider over HikariCP, and a transaction manager that binds one connection
 * per (virtual) thread for the length of a transaction. Its tracking reader is gap-aware (GapAwareTrackingToken).
 */
final class AxonSubject implements Subject<@Nullable TrackingToken> {
    static final String NAME = "axon-4.13";
    private static final String AGGREGATE = "Order";
    private static final Duration POLL = Duration.ofMillis(5);
    private final HikariDataSource pool;
    private final ThreadBoundTransactions transactions;
    private final JdbcEventStorageEngine engine;

    AxonSubject(String url, int connections) {
        this.pool = Pg.pool(url, connections, NAME);
        this.transactions = new ThreadBoundTransactions(pool);
        var serializer = JacksonSerializer.builder().objectMapper(Json.MAPPER).build();
        this.engine = JdbcEventStorageEngine.builder()
                .connectionProvider(transactions)
                .transactionManager(transactions)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(500)
                .persistenceExceptionResolver(AxonSubject::isDuplicateKey)
                .build();
        engine.createSchema(PostgresEventTableFactory.INSTANCE);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void append(UUID stream, long expectedVersion, List<OrderEvent> events) {
        var messages = new ArrayList<DomainEventMessage<OrderEvent>>(events.size());
        for (int i = 0; i < events.size(); i++) {
            // Axon's sequence numbers start at 0: version n is sequence n - 1
            messages.add(
                    new GenericDomainEventMessage<>(AGGREGATE, stream.toString(), expectedVersion + i, events.get(i)));
        }
        try {
            engine.appendEvents(messages);
        } catch (ConcurrencyException | AggregateStreamCreationException e) {
            throw new Conflict("stream " + stream + " moved past " + expectedVersion, e);
        }
    }

    /** What Spring's error-code resolver would answer on PostgreSQL: a unique violation is a concurrent append. */
    private static boolean isDuplicateKey(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState())
                            || (sql.getNextException() != null
                                    && "23505".equals(sql.getNextException().getSQLState())))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<OrderEvent> load(UUID stream) {
        DomainEventStream messages = engine.readEvents(stream.toString(), 0);
        var events = new ArrayList<OrderEvent>();
        while (messages.hasNext()) {
            events.add((OrderEvent) messages.next().getPayload());
        }
        return events;
    }

    @Override
    public @Nullable TrackingToken start() {
        return null;
    }

    @Override
    public @Nullable TrackingToken head() {
        return engine.createHeadToken();
    }

    @Override
    public Batch<@Nullable TrackingToken> read(@Nullable TrackingToken after, int limit) {
        var events = new ArrayList<Read>(limit);
        TrackingToken next = after;
        try (var stream = engine.readEvents(after, false).limit(limit)) {
            var messages = stream.iterator();
            while (messages.hasNext()) {
                TrackedEventMessage<?> message = messages.next();
                var domain = (DomainEventMessage<?>) message;
                events.add(new Read(
                        UUID.fromString(domain.getAggregateIdentifier()), domain.getSequenceNumber() + 1, (OrderEvent)
                                domain.getPayload()));
                next = message.trackingToken();
            }
        }
        return new Batch<>(events, next);
    }

    @Override
    public Batch<@Nullable TrackingToken> tail(@Nullable TrackingToken after, int limit, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var batch = read(after, limit);
            if (!batch.events().isEmpty() || System.nanoTime() >= deadline) {
                return batch;
            }
            Thread.sleep(POLL);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /**
     * Axon asks its ConnectionProvider for a connection inside {@code executeInTransaction} and closes it after each
     * statement: within a transaction this hands out the thread's one connection with close() ignored; outside, a
     * pooled auto-commit connection.
     */
    private static final class ThreadBoundTransactions implements TransactionManager, ConnectionProvider {
        private final HikariDataSource pool;
        private final ThreadLocal<@Nullable Connection> bound = new ThreadLocal<>();

        ThreadBoundTransactions(HikariDataSource pool) {
            this.pool = pool;
        }

        @Override
        public Connection getConnection() throws SQLException {
            Connection connection = bound.get();
            if (connection == null) {
                return pool.getConnection();
            }
            InvocationHandler keepOpen = (proxy, method, arguments) -> switch (method.getName()) {
                case "close" -> null;
                case "isClosed" -> false;
                default -> {
                    try {
                        yield method.invoke(connection, arguments);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            };
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, keepOpen);
        }

        @Override
        public Transaction startTransaction() {
            if (bound.get() != null) {
                return new Transaction() { // nested: the outer transaction commits
                    @Override
                    public void commit() {}

                    @Override
                    public void rollback() {}
                };
            }
            try {
                Connection connection = pool.getConnection();
                connection.setAutoCommit(false);
                bound.set(connection);
                return new Transaction() {
                    @Override
                    public void commit() {
                        finish(connection, true);
                    }

                    @Override
                    public void rollback() {
                        finish(connection, false);
                    }
                };
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start a transaction", e);
            }
        }

        private void finish(Connection connection, boolean commit) {
            bound.remove();
            try (connection) {
                if (commit) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot end a transaction", e);
            }
        }
    }
}
