package org.bookworm.ordering.cli;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * A database of the test's own on the machine's PostgreSQL ({@code ORDERING_PG_URL}), uniquely named, dropped at
 * close, and plain SQL on it for setting up and corrupting rows on purpose.
 */
final class ScratchDatabase implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");
    private final String adminUrl;
    private final String name;
    private final String url;

    private ScratchDatabase(String adminUrl, String name, String url) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
    }

    static ScratchDatabase create(String prefix) throws SQLException {
        String adminUrl = System.getenv()
                .getOrDefault("ORDERING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        var parts = URL.matcher(adminUrl);
        if (!parts.matches()) {
            throw new IllegalStateException("ORDERING_PG_URL is not a jdbc:postgresql URL");
        }
        String name = prefix + "_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        var database = new ScratchDatabase(adminUrl, name, parts.group(1) + name + parts.group(3));
        executeOn(adminUrl, "CREATE DATABASE " + name);
        return database;
    }

    String url() {
        return url;
    }

    void execute(String sql) throws SQLException {
        executeOn(url, sql);
    }

    /** The rows of {@code sql}, each row's columns joined by '|'. */
    List<String> rows(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement();
                var rs = statement.executeQuery(sql)) {
            var rows = new ArrayList<String>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    private static void executeOn(String url, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(url);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        executeOn(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
}
