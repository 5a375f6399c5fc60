package org.bookworm.ordering.benchmarks;

import java.util.List;

/** The subjects the driver knows, by name. */
final class Subjects {
    static final String OURS = "ours";

    /** Ours joins once the PostgreSQL event store adapter has landed on main. */
    static final List<String> AVAILABLE = List.of(RawJdbcSubject.NAME, AxonSubject.NAME);

    private Subjects() {}

    static Subject<?> open(String name, String url, int connections) {
        return switch (name) {
            case RawJdbcSubject.NAME -> new RawJdbcSubject(url, connections);
            case AxonSubject.NAME -> new AxonSubject(url, connections);
            default -> throw new IllegalArgumentException("unknown subject " + name + "; known: " + AVAILABLE);
        };
    }
}
