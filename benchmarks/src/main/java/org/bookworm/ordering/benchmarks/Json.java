package org.bookworm.ordering.benchmarks;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bookworm.ordering.core.ordering.OrderEvent;

/**
 * The one JSON mapping the raw floor and Axon's serializer share, so both pay the same encoding cost: record fields
 * only (helpers such as {@code Money.isZero()} are not properties), ISO-8601 instants.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new ParameterNamesModule())
            .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    static byte[] encode(OrderEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static OrderEvent decode(String type, byte[] payload) {
        try {
            return MAPPER.readValue(payload, eventClass(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String typeOf(OrderEvent event) {
        return event.getClass().getSimpleName();
    }

    private static Class<? extends OrderEvent> eventClass(String type) {
        for (Class<?> permitted : OrderEvent.class.getPermittedSubclasses()) {
            if (permitted.getSimpleName().equals(type)) {
                return permitted.asSubclass(OrderEvent.class);
            }
        }
        throw new IllegalArgumentException("unknown event type " + type);
    }
}
