package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which events {@code ordering events dump} writes: one stream (or, with an id alone, every stream of that id: an
 * order's {@code order-}, {@code checkout-} and {@code payment-} streams), some event types, and a range that starts
 * after a global position or at an instant and ends at a position or before an instant. Empty parts select everything.
 */
public record DumpSelection(
        @Nullable String streamType,
        @Nullable UUID streamId,
        List<String> types,
        @Nullable Bound since,
        @Nullable Bound until) {

    public static final DumpSelection ALL = new DumpSelection(null, null, List.of(), null, null);

    public DumpSelection {
        types = List.copyOf(types);
        if (streamType != null && streamId == null) {
            throw new IllegalArgumentException("a stream type selects one stream with its id");
        }
        if (since != null && until != null && until.notAfter(since)) {
            throw new IllegalArgumentException("the range ends before it starts: --until " + until.text()
                    + " is not after --since " + since.text());
        }
    }

    /** One end of the range: a global position (since: after it; until: up to it) or an instant. */
    public sealed interface Bound {
        record Position(long position) implements Bound {
            public Position {
                if (position < 0) {
                    throw new IllegalArgumentException("a position is never negative");
                }
            }

            @Override
            public String text() {
                return Long.toString(position);
            }
        }

        record At(Instant at) implements Bound {
            @Override
            public String text() {
                return at.toString();
            }
        }

        /** The bound in the operator's terms, for a message: a position's digits or an ISO-8601 instant. */
        String text();

        /**
         * Whether a range ending at this bound and starting at {@code start} is empty whatever the log holds: both
         * positions (after {@code start}, up to this) or both instants (from {@code start}, before this), this one
         * not past the start. A position and an instant are not compared.
         */
        default boolean notAfter(Bound start) {
            return switch (this) {
                case Position end when start instanceof Position from -> end.position() <= from.position();
                case At end when start instanceof At from -> !end.at().isAfter(from.at());
                default -> false;
            };
        }

        /** A position as digits, or an ISO-8601 instant; anything else is refused naming what was given. */
        static Bound parse(String text) {
            if (text.chars().allMatch(Character::isDigit) && !text.isEmpty() && text.length() < 19) {
                return new Position(Long.parseLong(text));
            }
            try {
                return new At(Instant.parse(text));
            } catch (java.time.format.DateTimeParseException malformed) {
                throw new IllegalArgumentException(
                        "'" + text + "' is neither a log position (digits) nor an instant like 2026-11-24T18:00:00Z");
            }
        }
    }

    /** A position as digits, or an ISO-8601 instant like 2026-11-24T18:00:00Z. */
    public static Bound bound(String text) {
        return Bound.parse(text);
    }
}
