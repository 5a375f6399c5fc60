package org.bookworm.ordering.benchmarks;

import java.util.List;

/** The subjects the driver knows, by name. */
final class Subjects {
    static final String OURS = OursSubject.NAME;

    static final List<String> AVAILABLE = List.of(OURS, AxonSubject.NAME, RawJdbcSubject.NAME);

    private Subjects() {}

    static Subject<?> open(String name, String url, int connections) {
        return switch (name) {
            case OursSubject.NAME -> new OursSubject(url, connections);
            case RawJdbcSubject.NAME -> new RawJdbcSubject(url, connections);
            case AxonSubject.NAME -> new AxonSubject(url, connections);
            default -> throw new IllegalArgumentException("unknown subject " + name + "; known: " + AVAILABLE);
        };
    }
}
