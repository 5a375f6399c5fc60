package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.PaymentEvent;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.OrderEvent;

/**
 * Turns events into (type, schema version, JSON) and back. The type name of an event is its record's simple name,
 * taken from the permitted subclasses of each registered sealed family, so a new event is covered once its family is.
 * A stored payload older than its type's current schema version runs through the upcasters {@code vN -> vN+1} on the
 * JSON tree before it is read; a missing step is refused when the codec is built, never discovered on read.
 */
final class EventCodec {
    /** A stored event's type, schema version and payload. */
    record Encoded(String type, int schemaVersion, String json) {}

    private final ObjectMapper mapper;
    private final Map<String, Class<? extends DomainEvent>> types;
    private final Map<Class<?>, String> names;
    private final Map<String, Integer> schemaVersions;
    private final Map<String, Map<Integer, UnaryOperator<JsonNode>>> upcasters;
    private final Map<String, ObjectReader> readers;
    private final MetadataJson metadata;

    private EventCodec(Builder builder) {
        // The events' instants are read by hand when they have the shape our mapper writes (IsoInstants, issue 14).
        this.mapper = CoreJson.mapper().registerModule(IsoInstants.module());
        this.metadata = new MetadataJson(mapper.getFactory());
        this.types = Map.copyOf(builder.types);
        this.schemaVersions = Map.copyOf(builder.schemaVersions);
        this.upcasters = Map.copyOf(builder.upcasters);
        var byClass = new HashMap<Class<?>, String>();
        types.forEach((name, type) -> byClass.put(type, name));
        this.names = Map.copyOf(byClass);
        // One reader per type, resolved once: readValue(json, Class) would look the deserializer up on every event.
        var byName = new HashMap<String, ObjectReader>();
        types.forEach((name, type) -> byName.put(name, mapper.readerFor(type)));
        this.readers = Map.copyOf(byName);
        requireCompleteChains();
    }

    static EventCodec standard() {
        return StoredShapes.register(builder()
                        .family(OrderEvent.class)
                        .family(BuyerEvent.class)
                        .family(CheckoutEvent.class)
                        .family(PaymentEvent.class))
                .build();
    }

    static Builder builder() {
        return new Builder();
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Whether {@code type} is an event type this codec reads and writes. */
    boolean knows(String type) {
        return types.containsKey(type);
    }

    /** The event types this codec reads and writes, by name. */
    SortedSet<String> typeNames() {
        return new TreeSet<>(types.keySet());
    }

    int schemaVersion(String type) {
        return schemaVersions.getOrDefault(type, 1);
    }

    Encoded encode(DomainEvent event) {
        if (event instanceof UnreadableEvent unreadable) {
            // kept as it was stored, so parking it loses nothing
            return new Encoded(unreadable.type(), unreadable.schemaVersion(), unreadable.json());
        }
        String type = names.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(
                    "no JSON type registered for " + event.getClass().getName() + ": register its sealed family");
        }
        return new Encoded(type, schemaVersion(type), write(event));
    }

    DomainEvent decode(String type, int storedSchemaVersion, String json) {
        return decode(type, storedSchemaVersion, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a UTF-8 payload, as pgjdbc hands out the bytes of a text column without making a string of them. */
    DomainEvent decode(String type, int storedSchemaVersion, byte[] json) {
        Class<? extends DomainEvent> target = types.get(type);
        if (target == null) {
            throw new IllegalStateException("unknown stored event type '" + type + "'");
        }
        int current = schemaVersion(type);
        if (storedSchemaVersion > current) {
            throw new IllegalStateException(type + " v" + storedSchemaVersion + " is newer than this reader (v"
                    + current + "): deploy the newer reader");
        }
        try {
            if (storedSchemaVersion == current) {
                // The common case: no upcaster applies, so skip the tree and bind the record directly.
                return readers.get(type).readValue(json);
            }
            JsonNode node = mapper.readTree(json);
            for (int version = storedSchemaVersion; version < current; version++) {
                node = upcasters.get(type).get(version).apply(node);
            }
            return mapper.treeToValue(node, target);
        } catch (IOException unreadable) {
            throw new IllegalStateException(
                    "stored " + type + " v" + storedSchemaVersion + " cannot be read", unreadable);
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException(
                    "cannot write " + value.getClass().getSimpleName() + " as JSON", impossible);
        }
    }

    Metadata readMetadata(String json) {
        return readMetadata(json.getBytes(StandardCharsets.UTF_8));
    }

    Metadata readMetadata(byte[] json) {
        return metadata.read(json);
    }

    private void requireCompleteChains() {
        schemaVersions.forEach((type, current) -> {
            if (!types.containsKey(type)) {
                throw new IllegalArgumentException("schema version set for unknown event type " + type);
            }
            for (int version = 1; version < current; version++) {
                if (!upcasters.getOrDefault(type, Map.of()).containsKey(version)) {
                    throw new IllegalStateException(type + " is at schema version " + current
                            + " but has no upcaster from v" + version + " to v" + (version + 1));
                }
            }
        });
    }

    /** Registers families, current schema versions and upcasters. */
    static final class Builder {
        private final Map<String, Class<? extends DomainEvent>> types = new HashMap<>();
        private final Map<String, Integer> schemaVersions = new HashMap<>();
        private final Map<String, Map<Integer, UnaryOperator<JsonNode>>> upcasters = new HashMap<>();

        /** Every permitted record of a sealed event interface, named by its simple name (names must be unique). */
        Builder family(Class<? extends DomainEvent> sealedFamily) {
            Class<?>[] permitted = sealedFamily.getPermittedSubclasses();
            if (permitted == null) {
                throw new IllegalArgumentException(sealedFamily.getName() + " is not a sealed interface");
            }
            for (Class<?> type : permitted) {
                Class<? extends DomainEvent> event = type.asSubclass(DomainEvent.class);
                var previous = types.putIfAbsent(type.getSimpleName(), event);
                if (previous != null && previous != event) {
                    throw new IllegalArgumentException("two event types are named " + type.getSimpleName());
                }
            }
            return this;
        }

        Builder schemaVersion(String type, int version) {
            if (version < 1) {
                throw new IllegalArgumentException("schema versions start at 1");
            }
            schemaVersions.put(type, version);
            return this;
        }

        /** The step from {@code fromVersion} to {@code fromVersion + 1} of {@code type}. */
        Builder upcaster(String type, int fromVersion, UnaryOperator<JsonNode> step) {
            upcasters.computeIfAbsent(type, t -> new HashMap<>()).put(fromVersion, step);
            return this;
        }

        EventCodec build() {
            return new EventCodec(this);
        }
    }
}
