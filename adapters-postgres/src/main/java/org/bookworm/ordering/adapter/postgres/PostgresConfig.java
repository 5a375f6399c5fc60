package org.bookworm.ordering.adapter.postgres;

import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the system of record lives and how many connections to keep. The password never appears in {@link
 * #toString()}. A pool of 4 to 10 connections suits a 2-core machine (RELIABILITY.md section 5); anything outside 1 to
 * 64 is refused.
 */
public record PostgresConfig(String url, String user, String password, int poolSize) {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    public PostgresConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL URL starts with jdbc:postgresql://");
        }
        if (poolSize < 1 || poolSize > 64) {
            throw new IllegalArgumentException("a pool holds 1 to 64 connections, not " + poolSize);
        }
    }

    /** From {@code ORDERING_PG_URL}, {@code ORDERING_PG_USER}, {@code ORDERING_PG_PASSWORD}, {@code ORDERING_PG_POOL}. */
    public static PostgresConfig fromEnv(Map<String, String> env) {
        return new PostgresConfig(
                env.getOrDefault("ORDERING_PG_URL", DEFAULT_URL),
                env.getOrDefault("ORDERING_PG_USER", ""),
                env.getOrDefault("ORDERING_PG_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("ORDERING_PG_POOL", "16")));
    }

    public PostgresConfig withUrl(String newUrl) {
        return new PostgresConfig(newUrl, user, password, poolSize);
    }

    /**
     * What a connection of its own, outside the pool (the LISTEN connection, the claim owner's session lock), opens
     * with: the user and password when set, a 3 s connect timeout, TCP keepalive, and {@code application} as its name
     * in {@code pg_stat_activity}.
     */
    Properties dedicatedConnection(String application) {
        var properties = new Properties();
        if (!user.isEmpty()) {
            properties.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        properties.setProperty("connectTimeout", "3");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", application);
        return properties;
    }

    @Override
    public String toString() {
        return "PostgresConfig[url=" + redactUrl(url) + ", user=" + user + ", password="
                + (password.isEmpty() ? "" : "***") + ", poolSize=" + poolSize + "]";
    }

    // A password may also hide in the URL's query string.
    private static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }
}
