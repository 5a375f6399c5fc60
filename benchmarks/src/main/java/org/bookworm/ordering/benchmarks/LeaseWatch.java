package org.bookworm.ordering.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Watches the partitions' fencing records ({@code eventstore.partition_leases}, ADR 0034) during the kill test, a
 * sample every {@value #EVERY_MILLIS} ms on a connection of its own, and says afterwards what it saw against "no
 * partition held by two processes": a fencing token belongs to one owner only, and a partition's token never goes
 * back. Without the table (a database before partition leases) nothing shows that, which is a problem of its own.
 * It also reports, per kill, how long the dead replica's partitions took to get their next owner (the handoff).
 */
final class LeaseWatch implements AutoCloseable {
    private static final long EVERY_MILLIS = 250;

    /** One partition's lease as sampled. */
    record Lease(String subscription, int partition, String owner, long token, Instant claimedAt) {}

    private final String jdbcUrl;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<List<Lease>> samples = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final Thread thread;

    LeaseWatch(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        this.thread = Thread.ofPlatform().daemon().name("lease-watch").start(this::watch);
    }

    private void watch() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            while (running.get()) {
                var sample = new ArrayList<Lease>();
                try (var statement = connection.createStatement();
                        var rows = statement.executeQuery("SELECT subscription, partition, owner, token, claimed_at"
                                + " FROM eventstore.partition_leases")) {
                    while (rows.next()) {
                        sample.add(new Lease(
                                rows.getString(1),
                                rows.getInt(2),
                                rows.getString(3),
                                rows.getLong(4),
                                rows.getTimestamp(5).toInstant()));
                    }
                }
                synchronized (samples) {
                    samples.add(sample);
                }
                Thread.sleep(EVERY_MILLIS);
            }
        } catch (SQLException unreadable) {
            synchronized (samples) {
                failures.add("the fencing records could not be read ("
                        + unreadable.getMessage().strip()
                        + "): nothing shows that no partition was held by two processes");
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** The breaches of one owner per token and of tokens that only rise, one line each; empty when none. */
    List<String> problems() {
        synchronized (samples) {
            var problems = new ArrayList<>(failures);
            if (samples.isEmpty() && failures.isEmpty()) {
                problems.add("no sample of the fencing records was taken");
            }
            problems.addAll(breaches(samples));
            return problems;
        }
    }

    /** The partitions that changed owner: the new claim's time, and which partition went from whom to whom. */
    Map<Instant, String> handoffs() {
        synchronized (samples) {
            return handoffs(samples);
        }
    }

    /** Over samples in time order: a token seen with two owners, or a partition's token going back. */
    static List<String> breaches(List<List<Lease>> samples) {
        var problems = new ArrayList<String>();
        var ownerOfToken = new HashMap<String, String>();
        var lastToken = new HashMap<String, Long>();
        for (List<Lease> sample : samples) {
            for (Lease lease : sample) {
                String partition = lease.subscription() + "#" + lease.partition();
                String owner = ownerOfToken.putIfAbsent(partition + "@" + lease.token(), lease.owner());
                if (owner != null && !owner.equals(lease.owner())) {
                    problems.add(
                            partition + ": token " + lease.token() + " held by " + owner + " and by " + lease.owner());
                }
                Long before = lastToken.put(partition, lease.token());
                if (before != null && before > lease.token()) {
                    problems.add(partition + ": token went back from " + before + " to " + lease.token());
                }
            }
        }
        return problems;
    }

    static Map<Instant, String> handoffs(List<List<Lease>> samples) {
        var handoffs = new TreeMap<Instant, String>();
        var lastOwner = new HashMap<String, Lease>();
        for (List<Lease> sample : samples) {
            for (Lease lease : sample) {
                String partition = lease.subscription() + "#" + lease.partition();
                Lease before = lastOwner.put(partition, lease);
                if (before != null && !before.owner().equals(lease.owner())) {
                    handoffs.merge(
                            lease.claimedAt(),
                            partition + " " + before.owner() + " -> " + lease.owner(),
                            (left, right) -> left + "; " + right);
                }
            }
        }
        return handoffs;
    }

    /** A partition whose lease is live: which owner holds it. */
    record Held(String subscription, String owner, int partition) {}

    /** The partitions whose lease is live now, read on a connection of its own. */
    static List<Held> heldNow(String jdbcUrl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT subscription, owner, partition"
                        + " FROM eventstore.partition_leases WHERE expires_at > now()")) {
            var held = new ArrayList<Held>();
            while (rows.next()) {
                held.add(new Held(rows.getString(1), rows.getString(2), rows.getInt(3)));
            }
            return held;
        }
    }

    /**
     * One line per subscription, sorted: each owner (named by its replica when the pid in its id, {@code
     * host/pid/random}, is one of {@code replicaPids}) and the partitions it holds.
     */
    static List<String> holdings(List<Held> held, Map<String, Long> replicaPids) {
        var names = new HashMap<String, String>();
        replicaPids.forEach((replica, pid) -> names.put(Long.toString(pid), replica));
        var bySubscription = new TreeMap<String, TreeMap<String, TreeSet<Integer>>>();
        for (Held lease : held) {
            String[] parts = lease.owner().split("/");
            String owner = parts.length == 3 ? names.getOrDefault(parts[1], lease.owner()) : lease.owner();
            bySubscription
                    .computeIfAbsent(lease.subscription(), subscription -> new TreeMap<>())
                    .computeIfAbsent(owner, name -> new TreeSet<>())
                    .add(lease.partition());
        }
        var lines = new ArrayList<String>();
        bySubscription.forEach((subscription, owners) -> {
            var each = new ArrayList<String>();
            owners.forEach((owner, partitions) -> each.add(owner + " " + partitions));
            lines.add(subscription + ": " + String.join(", ", each));
        });
        return lines;
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
