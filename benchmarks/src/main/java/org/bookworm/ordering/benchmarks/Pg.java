package org.bookworm.ordering.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The shared PostgreSQL: the driver creates and drops its own databases there and never changes server settings
 * (other engineers' tests run on the same server).
 */
final class Pg {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private Pg() {}

    static String adminUrl() {
        String url = System.getenv("ORDERING_PG_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** The admin URL with its database replaced by {@code database}, query parameters kept. */
    static String urlOf(String adminUrl, String database) {
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return "jdbc:postgresql://" + uri.getRawAuthority() + "/" + database + query;
    }

    static void createDatabase(String adminUrl, String database) throws SQLException {
        execute(adminUrl, "CREATE DATABASE " + safe(database));
    }

    static void dropDatabase(String adminUrl, String database) throws SQLException {
        execute(adminUrl, "DROP DATABASE IF EXISTS " + safe(database) + " WITH (FORCE)");
    }

    /**
     * A database of its own on {@link #adminUrl()}, named {@code prefix} and a random suffix, dropped on {@link
     * #close()}: for a tool or test that needs one database for its whole run.
     */
    record Scratch(String admin, String name) implements AutoCloseable {
        static Scratch create(String prefix) throws SQLException {
            String admin = adminUrl();
            String name = prefix + "_"
                    + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
            createDatabase(admin, name);
            return new Scratch(admin, name);
        }

        String url() {
            return urlOf(admin, name);
        }

        @Override
        public void close() throws SQLException {
            dropDatabase(admin, name);
        }
    }

    /** A pool of {@code size} connections; the same size for every subject, so no subject gets more parallelism. */
    static HikariDataSource pool(String url, int size, String name) {
        var config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setPoolName(name);
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("socketTimeout", "60");
        return new HikariDataSource(config);
    }

    /** A setting as the server reports it, e.g. {@code fsync}. */
    static String show(Connection connection, String setting) throws SQLException {
        try (var statement = connection.createStatement();
                var result = statement.executeQuery("SHOW " + safe(setting))) {
            result.next();
            return result.getString(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String safe(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe identifier: " + name);
        }
        return name;
    }
}
