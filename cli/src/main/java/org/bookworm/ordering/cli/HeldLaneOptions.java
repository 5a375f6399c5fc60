package org.bookworm.ordering.cli;

import java.util.UUID;
import picocli.CommandLine.Option;

/**
 * The options the {@code dead-letters} verbs share, as picocli mixins: which subscription ({@code show}, {@code retry},
 * {@code drop}) and which of its held lanes ({@code show}, {@code drop}; {@code retry}'s lane is optional, its own).
 */
final class HeldLaneOptions {
    private HeldLaneOptions() {}

    /** {@code --subscription}: the subscription that holds the lanes. */
    static final class Subscription {
        @Option(
                names = "--subscription",
                required = true,
                paramLabel = "<subscription>",
                description = "e.g. checkout-saga, basket-clearing")
        String name = "";
    }

    /** {@code --lane}, required: one held lane. */
    static final class Lane {
        @Option(names = "--lane", required = true, paramLabel = "<lane>", description = "The held lane (stream id).")
        UUID id = new UUID(0, 0);
    }
}
