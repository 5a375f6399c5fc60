package org.bookworm.ordering.adapter.redis;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Cache values as JSON. The core's values are records, read back through their canonical constructors, so a value
 * that no longer validates is refused on the way in rather than served. Only record components are written: derived
 * {@code isX()} methods (such as {@code Money.isZero}) are not data.
 */
final class JsonCodec<V> {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.IS_GETTER, Visibility.NONE);

    private final Class<V> type;

    JsonCodec(Class<V> type) {
        this.type = type;
    }

    String encode(V value) throws JsonProcessingException {
        return JSON.writeValueAsString(value);
    }

    V decode(String json) throws JsonProcessingException {
        return JSON.readValue(json, type);
    }
}
