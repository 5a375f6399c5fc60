package org.bookworm.ordering.adapter.postgres;

import java.util.regex.Pattern;

/**
 * Secrets kept in events never leave through the admin tool: a payment method's {@code token} (an opaque credential
 * of the payment provider) is written as {@code "***"}, in the database's JSON text and in ours alike.
 */
final class Redaction {
    /** PostgreSQL's (ARE) form: a "token" key and its string value, escapes included. */
    static final String SQL_PATTERN = "\"token\": *\"([^\"\\\\]|\\\\.)*\"";

    static final String SQL_REPLACEMENT = "\"token\": \"***\"";

    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"\\\\]|\\\\.)*\"");

    private Redaction() {}

    /** The JSON text with every token's value replaced. */
    static String redact(String json) {
        return TOKEN.matcher(json).replaceAll("\"token\":\"***\"");
    }

    /** A SQL expression of the jsonb column {@code column} as redacted json. */
    static String sql(String column) {
        return "regexp_replace(" + column + "::text, '" + SQL_PATTERN + "', '" + SQL_REPLACEMENT + "', 'g')::json";
    }
}
