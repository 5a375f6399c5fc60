package org.bookworm.ordering.adapter.postgres;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An integration test's database of its own, created and migrated with its adapters, then closed and dropped: the
 * fixture every such IT used to spell out for itself. Registered on a static field
 * ({@code @RegisterExtension static final PostgresTestDatabase postgres = new PostgresTestDatabase();}) it lives from
 * before the class's {@code @BeforeAll} methods to after its {@code @AfterAll} methods; on an instance field, from
 * before each test's {@code @BeforeEach} methods to after its {@code @AfterEach} methods. A start that fails drops the
 * database it had created.
 */
final class PostgresTestDatabase implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final Function<PostgresConfig, PostgresAdapters> start;
    private TestDatabase db;
    private PostgresAdapters adapters;
    private boolean perTest;

    /** A database with adapters that group-commit appends, as production starts them. */
    PostgresTestDatabase() {
        this(PostgresAdapters::start);
    }

    /** A database with adapters started by {@code start}; {@code null} starts none. */
    PostgresTestDatabase(Function<PostgresConfig, PostgresAdapters> start) {
        this.start = start;
    }

    /** A database with adapters that append in one transaction each. */
    static PostgresTestDatabase withoutGroupCommit() {
        return new PostgresTestDatabase(PostgresAdapters::startWithoutGroupCommit);
    }

    /** A bare database, not migrated: the test starts what it needs on it. */
    static PostgresTestDatabase withoutAdapters() {
        return new PostgresTestDatabase(null);
    }

    TestDatabase db() {
        if (db == null) {
            throw new IllegalStateException("no database outside the tests of the class that registers it");
        }
        return db;
    }

    PostgresAdapters adapters() {
        db();
        if (adapters == null) {
            throw new IllegalStateException("this database was asked for without adapters");
        }
        return adapters;
    }

    /** The event-sourced runner's stores on {@code adapters}, with UUIDv7 ids and the system clock, as services use. */
    static EventSourcedRunner.Stores storesOf(PostgresAdapters adapters) {
        return new EventSourcedRunner.Stores(
                adapters.eventStore(),
                adapters.snapshots(),
                adapters.idempotencyKeys(),
                UuidV7Generator.system(),
                Clock.systemUTC());
    }

    /**
     * Waits until some session of this database waits on a lock (another writer's row or stream lock), at most 10 s:
     * the moment a racing test lets the holder commit or roll back.
     */
    void untilASessionWaitsForALock() throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (EventLogEssentialsIT.countIn(
                            db(),
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND wait_event_type = 'Lock'")
                    > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session of the test database ever waited for a lock");
    }

    /**
     * Another process on this database: a JVM of its own, on this test's class path, running {@code main} with
     * {@code args} (the database's URL first), its errors on the test's. The test stops it, by its PID.
     */
    Process childJvm(Class<?> main, String... args) throws IOException {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                db().url));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (db == null) { // an instance field: JUnit never called beforeAll
            perTest = true;
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void open() {
        var created = TestDatabase.create();
        try {
            adapters = start == null ? null : start.apply(created.config());
        } catch (RuntimeException | Error failed) {
            try {
                created.close();
            } catch (RuntimeException notDropped) {
                failed.addSuppressed(notDropped);
            }
            throw failed;
        }
        db = created;
    }

    /** The adapters first (their pool holds connections), then the database, even when closing them failed. */
    private void close() {
        try {
            if (adapters != null) {
                adapters.close();
            }
        } finally {
            adapters = null;
            if (db != null) {
                var dropped = db;
                db = null;
                dropped.close();
            }
        }
    }
}
