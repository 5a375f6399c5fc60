package org.bookworm.ordering.benchmarks;

import java.util.List;

/** The subjects the driver knows, by name. */
final class Subjects {
    static final String OURS = OursSubject.NAME;

    /** The default set; {@code ours-tx} (ours without group commit) is opt-in with {@code --subjects}. */
    static final List<String> AVAILABLE = List.of(OURS, AxonSubject.NAME, RawJdbcSubject.NAME);

    private Subjects() {}

    static Subject<?> open(String name, String url, int connections) {
        return switch (name) {
            case OursSubject.NAME -> new OursSubject(url, connections, true);
            case OursSubject.WITHOUT_GROUP_COMMIT -> new OursSubject(url, connections, false);
            case RawJdbcSubject.NAME -> new RawJdbcSubject(url, connections);
            case AxonSubject.NAME -> new AxonSubject(url, connections);
            default -> throw new IllegalArgumentException("unknown subject " + name + "; known: " + AVAILABLE);
        };
    }
}
