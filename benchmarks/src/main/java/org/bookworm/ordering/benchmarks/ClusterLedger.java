package org.bookworm.ordering.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the cluster's database says happened to each acknowledged order, read after the load (issue 15's kill test):
 * exactly one reservation (the row in {@code basket.reservations} and one {@code ItemsReserved} on the checkout's
 * stream), exactly one payment authorization ({@code PaymentAuthorized} on the payment's stream), and the confirmation
 * e-mail's outbox row, SENT, whose id is the Message-ID of the mail ({@code SmtpMailer}): the caller counts the mails
 * that arrived with that id.
 */
final class ClusterLedger {
    private final String jdbcUrl;

    ClusterLedger(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * Waits, bounded, until none of the orders' confirmation e-mails is still PENDING in the outbox: a sender killed
     * holding a claim leaves its row to the other replica once the claim lapses, which may take longer than a
     * partition's handoff. Answers whether none is pending.
     */
    boolean awaitSent(Set<String> orders, java.time.Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var pending = new ArrayList<String>();
            try (Connection connection = DriverManager.getConnection(jdbcUrl);
                    var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT order_id::text FROM notification.email_outbox"
                            + " WHERE kind = 'CONFIRMED' AND status = 'PENDING'")) {
                while (rows.next()) {
                    if (orders.contains(rows.getString(1))) {
                        pending.add(rows.getString(1));
                    }
                }
            }
            if (pending.isEmpty()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(500);
        }
    }

    /** One problem per kind of breach, with how many orders and one of them; empty when every order has one each. */
    List<String> problems(Set<String> orders, Map<String, Integer> mailsByMessageId) throws SQLException {
        var problems = new ArrayList<String>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            exactlyOne(
                    orders,
                    counts(connection, "SELECT order_id::text, count(*) FROM basket.reservations GROUP BY 1"),
                    "reservation rows",
                    problems);
            exactlyOne(
                    orders,
                    counts(
                            connection,
                            "SELECT stream_id::text, count(*) FROM eventstore.events WHERE type = 'ItemsReserved'"
                                    + " GROUP BY 1"),
                    "ItemsReserved events",
                    problems);
            exactlyOne(
                    orders,
                    counts(
                            connection,
                            "SELECT stream_id::text, count(*) FROM eventstore.events WHERE type = 'PaymentAuthorized'"
                                    + " GROUP BY 1"),
                    "PaymentAuthorized events",
                    problems);
            var sentMails = new HashMap<String, Integer>();
            var unsent = new TreeMap<String, String>();
            try (var statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT order_id::text, id::text, status"
                            + " FROM notification.email_outbox WHERE kind = 'CONFIRMED'")) {
                while (rows.next()) {
                    String order = rows.getString(1);
                    if (!rows.getString(3).equals("SENT")) {
                        unsent.put(order, rows.getString(3));
                    }
                    sentMails.put(order, mailsByMessageId.getOrDefault(rows.getString(2), 0));
                }
            }
            if (!unsent.isEmpty()) {
                problems.add(String.format(
                        "%,d confirmation e-mails are not SENT in the outbox (e.g. %s)", unsent.size(), unsent));
            }
            exactlyOne(orders, sentMails, "confirmation e-mails received by SMTP", problems);
        }
        return problems;
    }

    /** A problem for the orders with none, and one for those with more than one; rows of other orders are ignored. */
    static void exactlyOne(Set<String> orders, Map<String, Integer> counts, String what, List<String> problems) {
        var none = new ArrayList<String>();
        var more = new ArrayList<String>();
        for (String order : orders) {
            int count = counts.getOrDefault(order, 0);
            if (count == 0) {
                none.add(order);
            } else if (count > 1) {
                more.add(order + " (" + count + ")");
            }
        }
        if (!none.isEmpty()) {
            problems.add(String.format("%,d orders have no %s (e.g. %s)", none.size(), what, none.get(0)));
        }
        if (!more.isEmpty()) {
            problems.add(String.format("%,d orders have more than one of the %s (e.g. %s)", more.size(), what, more));
        }
    }

    private static Map<String, Integer> counts(Connection connection, String sql) throws SQLException {
        var counts = new HashMap<String, Integer>();
        try (var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
