package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.Test;

/**
 * The fixture itself, driven through its callbacks as JUnit drives them (it reads nothing from the context): a static
 * field's database lives from before the class's first test to after its last, an instance field's for one test, and a
 * start that fails drops the database it had created.
 */
class PostgresTestDatabaseIT {

    @Test
    void as_a_static_field_it_creates_a_migrated_database_for_the_class_and_drops_it_after_the_class()
            throws Exception {
        var postgres = new PostgresTestDatabase();
        postgres.beforeAll(null);
        String name = postgres.db().name;
        try {
            assertThat(exists(name)).isTrue();
            var order = new OrderId(UUID.randomUUID());
            var stream = EventStoreEssentialsIT.streamOf(order);
            assertThat(postgres.adapters().eventStore().append(stream, 0, Samples.newEvents(order, 1)))
                    .isEqualTo(1);

            postgres.beforeEach(null);
            postgres.afterEach(null);
            assertThat(postgres.db().name)
                    .as("the same database for every test")
                    .isEqualTo(name);
            assertThat(exists(name)).isTrue();
        } finally {
            postgres.afterAll(null);
        }
        assertThat(exists(name)).isFalse();
        assertThatThrownBy(postgres::db).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void as_an_instance_field_it_gives_each_test_a_database_of_its_own() throws Exception {
        var postgres = new PostgresTestDatabase();
        postgres.beforeEach(null);
        String name = postgres.db().name;
        try {
            assertThat(exists(name)).isTrue();
        } finally {
            postgres.afterEach(null);
        }
        assertThat(exists(name)).isFalse();
        postgres.afterAll(null);
    }

    @Test
    void without_adapters_it_gives_only_the_database() throws Exception {
        var postgres = PostgresTestDatabase.withoutAdapters();
        postgres.beforeAll(null);
        String name = postgres.db().name;
        try {
            try (Connection c = postgres.db().connect()) {
                assertThat(c.isValid(5)).isTrue();
            }
            assertThatThrownBy(postgres::adapters).isInstanceOf(IllegalStateException.class);
        } finally {
            postgres.afterAll(null);
        }
        assertThat(exists(name)).isFalse();
    }

    @Test
    void a_start_that_fails_leaves_no_database_behind() throws Exception {
        var created = new AtomicReference<String>();
        var postgres = new PostgresTestDatabase(config -> {
            created.set(config.url());
            throw new IllegalStateException("the adapters cannot start");
        });

        assertThatThrownBy(() -> postgres.beforeAll(null)).hasMessage("the adapters cannot start");
        postgres.afterAll(null); // as JUnit calls it after a failed beforeAll

        String url = created.get();
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
        assertThat(name).startsWith("ordering_it_");
        assertThat(exists(name)).isFalse();
    }

    private static boolean exists(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(TestDatabase.ADMIN_URL);
                PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
