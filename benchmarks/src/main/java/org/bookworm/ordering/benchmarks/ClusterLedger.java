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

    /**
     * One problem per kind of breach, with how many orders and one of them; empty when every order has one each. A
     * confirmation e-mail resent after a killed sender is not a breach but goes to {@code notes} (see
     * {@link #mailProblems}); {@code senderKills} is how many notification processes the run killed.
     */
    List<String> problems(
            Set<String> orders, Map<String, Integer> mailsByMessageId, int senderKills, List<String> notes)
            throws SQLException {
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
            var rows = new ArrayList<MailRow>();
            try (var statement = connection.createStatement();
                    var found = statement.executeQuery("SELECT order_id::text, id::text, status"
                            + " FROM notification.email_outbox WHERE kind = 'CONFIRMED'")) {
                while (found.next()) {
                    rows.add(new MailRow(found.getString(1), found.getString(2), found.getString(3)));
                }
            }
            problems.addAll(mailProblems(orders, rows, mailsByMessageId, senderKills, notes));
        }
        return problems;
    }

    /** One confirmation e-mail's outbox row: its order, its id (the mail's Message-ID) and its status. */
    record MailRow(String order, String id, String status) {}

    /**
     * The confirmation e-mails of {@code orders}: exactly one outbox row each (a second row would be a second e-mail
     * with a Message-ID of its own, a real duplicate), SENT, whose Message-ID arrived at the SMTP server. The delivery
     * is at least once with one Message-ID (ADR 0020): a sender killed between the SMTP server's acceptance and its
     * SENT mark leaves that e-mail to the other replica, which sends it again with the same Message-ID. A sender sends
     * one e-mail at a time, so each killed notification process can leave at most one such copy: copies up to
     * {@code senderKills} are reported in {@code notes}, more are a problem, as is any copy in a run that killed none.
     */
    static List<String> mailProblems(
            Set<String> orders,
            List<MailRow> rows,
            Map<String, Integer> mailsByMessageId,
            int senderKills,
            List<String> notes) {
        var problems = new ArrayList<String>();
        var rowsPerOrder = new HashMap<String, Integer>();
        var unsent = new TreeMap<String, String>();
        var neverArrived = new ArrayList<String>();
        var resent = new ArrayList<String>();
        int extraCopies = 0;
        for (MailRow row : rows) {
            if (!orders.contains(row.order())) {
                continue;
            }
            rowsPerOrder.merge(row.order(), 1, Integer::sum);
            int copies = mailsByMessageId.getOrDefault(row.id(), 0);
            if (!row.status().equals("SENT")) {
                unsent.put(row.order(), row.status());
            } else if (copies == 0) {
                neverArrived.add(row.order());
            }
            if (copies > 1) {
                resent.add(row.order() + " (" + copies + ")");
                extraCopies += copies - 1;
            }
        }
        exactlyOne(orders, rowsPerOrder, "confirmation e-mail rows in the outbox", problems);
        if (!unsent.isEmpty()) {
            problems.add(String.format(
                    "%,d confirmation e-mails are not SENT in the outbox (e.g. %s)", unsent.size(), unsent));
        }
        if (!neverArrived.isEmpty()) {
            problems.add(String.format(
                    "%,d confirmation e-mails marked SENT never arrived at the SMTP server (e.g. %s)",
                    neverArrived.size(), neverArrived.get(0)));
        }
        if (extraCopies > senderKills) {
            problems.add(String.format(
                    "%,d confirmation e-mails arrived more than once (e.g. %s): %,d extra copies, more than the %,d"
                            + " notification processes killed (each can leave at most the one e-mail it was sending)",
                    resent.size(), resent, extraCopies, senderKills));
        } else if (extraCopies > 0) {
            notes.add(String.format(
                    "%,d confirmation e-mails arrived twice with the same Message-ID (e.g. %s): the at-least-once"
                            + " window of ADR 0020, a sender killed between the SMTP server's acceptance and its SENT"
                            + " mark; %,d notification processes were killed",
                    resent.size(), resent.get(0), senderKills));
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
