package org.bookworm.ordering.adapter.postgres;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * An integration test on a database of its own: created, migrated and given its adapters before the class's first
 * test, and closed and dropped after its last. The fixture every such IT used to spell out for itself.
 */
abstract class OnTestDatabase {
    static TestDatabase db;
    static PostgresAdapters pg;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.create();
        pg = PostgresAdapters.start(db.config());
    }

    @AfterAll
    static void stopDatabase() {
        pg.close();
        db.close();
    }

    /**
     * Another process on this database: a JVM of its own, on this test's class path, running {@code main} with
     * {@code args} (the database's URL first), its errors on the test's. The test stops it, by its PID.
     */
    static Process childJvm(Class<?> main, String... args) throws IOException {
        var command = new ArrayList<String>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName(),
                db.url));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }
}
