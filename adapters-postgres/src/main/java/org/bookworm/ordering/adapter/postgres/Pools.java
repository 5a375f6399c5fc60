package org.bookworm.ordering.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/** Builds the connection pool with short, explicit timeouts and brings the schema up to date. */
final class Pools {
    static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * How long PostgreSQL lets a transaction of ours sit idle before it ends the session (ADR 0055). Our transactions
     * never wait on anything but the next statement, so an idle one is a frozen process (SIGSTOP, a paused VM, a long
     * GC), and it holds every reader of the log back, in every process, while it lasts: well under a checkout's step
     * timeout (30 s), so a frozen replica delays checkouts on the others instead of failing them.
     */
    static final Duration IDLE_IN_TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

    private Pools() {}

    static HikariDataSource pool(PostgresConfig config, String name) {
        var hikari = new HikariConfig();
        hikari.setPoolName(name);
        hikari.setJdbcUrl(config.url());
        if (!config.user().isEmpty()) {
            hikari.setUsername(config.user());
        }
        if (!config.password().isEmpty()) {
            hikari.setPassword(config.password());
        }
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        // Fail fast while PostgreSQL is down, recover without a restart when it is back (HikariCP#627, #1663).
        hikari.setConnectionTimeout(2_500);
        hikari.setValidationTimeout(1_000);
        hikari.setMaxLifetime(Duration.ofMinutes(10).toMillis());
        hikari.setIdleTimeout(Duration.ofMinutes(2).toMillis());
        hikari.setInitializationFailTimeout(2_500);
        // A dead socket must not hang a thread: socketTimeout above the statement timeout.
        hikari.addDataSourceProperty("tcpKeepAlive", "true");
        hikari.addDataSourceProperty("socketTimeout", "15");
        hikari.addDataSourceProperty("connectTimeout", "3");
        hikari.addDataSourceProperty(
                "options",
                "-c statement_timeout=" + STATEMENT_TIMEOUT.toMillis() + " -c idle_in_transaction_session_timeout="
                        + IDLE_IN_TRANSACTION_TIMEOUT.toMillis() + " -c lock_timeout=3000");
        hikari.addDataSourceProperty("ApplicationName", name);
        return new HikariDataSource(hikari);
    }

    static void migrate(HikariDataSource dataSource) {
        flyway(dataSource).migrate();
    }

    /** Our one migration history, kept in {@code eventstore}, over the five schemas it creates. */
    static Flyway flyway(javax.sql.DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/postgres")
                .schemas("eventstore", "ordering", "basket", "finance", "notification")
                .defaultSchema("eventstore")
                .load();
    }
}
