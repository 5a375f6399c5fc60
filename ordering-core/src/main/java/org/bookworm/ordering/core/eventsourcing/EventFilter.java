package org.bookworm.ordering.core.eventsourcing;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which events of the global log a subscription handles: every event of some stream types (a projection of a whole
 * stream, so an event type added later still reaches it, and parks its lane if this reader cannot decode it), plus
 * events of some types wherever they are stored (a reactor that acts on a few types; a type it does not know it does
 * not act on). A type is named by its record's simple name, as the stores keep it. {@link #ALL} takes everything.
 *
 * <p>A log reads only the matching events, but a reader's checkpoint moves past the rest ({@link EventLog.Page#end}),
 * so what a filter leaves out is passed over, never skipped unseen: a subscription gets each event it handles exactly
 * once and nothing else.
 */
public final class EventFilter {
    /** Every event of the log. */
    public static final EventFilter ALL = new EventFilter(true, Set.of(), Set.of());

    private final boolean everything;
    private final Set<StreamType> streamTypes;
    private final Set<String> eventTypes;

    private EventFilter(boolean everything, Set<StreamType> streamTypes, Set<String> eventTypes) {
        this.everything = everything;
        this.streamTypes = Set.copyOf(streamTypes);
        this.eventTypes = Set.copyOf(eventTypes);
    }

    /** Every event of streams of these types. */
    public static EventFilter streams(StreamType... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("name at least one stream type, or take EventFilter.ALL");
        }
        return new EventFilter(false, Set.of(types), Set.of());
    }

    /** Events of these types, in whatever stream. */
    @SafeVarargs
    public static EventFilter events(Class<? extends DomainEvent>... types) {
        return new EventFilter(false, Set.of(), names(types));
    }

    /** This filter and also events of these types, in whatever stream. */
    @SafeVarargs
    public final EventFilter andEvents(Class<? extends DomainEvent>... types) {
        if (everything) {
            return this;
        }
        var more = new HashSet<>(eventTypes);
        more.addAll(names(types));
        return new EventFilter(false, streamTypes, more);
    }

    /** The name a store keeps for an event's type: its record's simple name. */
    public static String typeName(Class<? extends DomainEvent> type) {
        return type.getSimpleName();
    }

    @SafeVarargs
    private static Set<String> names(Class<? extends DomainEvent>... types) {
        if (types.length == 0) {
            throw new IllegalArgumentException("name at least one event type, or take EventFilter.ALL");
        }
        var names = new HashSet<String>();
        for (Class<? extends DomainEvent> type : types) {
            if (type.isInterface() || type.isSealed()) {
                throw new IllegalArgumentException(type.getSimpleName()
                        + " is a family, not an event type: name its stream type or each event type");
            }
            names.add(typeName(type));
        }
        return names;
    }

    public boolean isAll() {
        return everything;
    }

    /** The stream types whose every event matches (empty for {@link #ALL}). */
    public Set<StreamType> streamTypes() {
        return streamTypes;
    }

    /** The event type names that match in any stream (empty for {@link #ALL}). */
    public Set<String> eventTypes() {
        return eventTypes;
    }

    /** True when an event of {@code type} (its stored name) in a stream of {@code stream} matches. */
    public boolean matches(StreamType stream, String type) {
        return everything || streamTypes.contains(stream) || eventTypes.contains(type);
    }

    /** True when this recorded event matches. */
    public boolean matches(RecordedEvent event) {
        return everything
                || streamTypes.contains(event.stream().type())
                || eventTypes.contains(typeName(event.event().getClass()));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventFilter that
                && everything == that.everything
                && streamTypes.equals(that.streamTypes)
                && eventTypes.equals(that.eventTypes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(everything, streamTypes, eventTypes);
    }

    @Override
    public String toString() {
        if (everything) {
            return "all events";
        }
        return "streams " + streamTypes + " and events "
                + Arrays.toString(eventTypes.stream().sorted().toArray());
    }
}
