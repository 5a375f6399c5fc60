package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.impl.PropertySerializerMap;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Reads the object-valued components of records through generated accessors instead of {@code Method.invoke}. Issue
 * 13: Blackbird gives up on a property whose serializer is not one of Jackson's own (ours for the id values, {@code
 * UUID}, {@code Instant}, {@code Money}'s bean serializer), which in our events is almost every property, and the
 * property is then read by reflection on every event written. The writers here take over exactly those properties;
 * what they write is what {@link BeanPropertyWriter} writes: every case other than a plain value or a plain null is
 * handed back to it.
 */
final class RecordAccessors extends BeanSerializerModifier {
    private static final long serialVersionUID = 1L;
    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();

    private RecordAccessors() {}

    /**
     * A module with these writers. Primitive, {@code String}, collection and map components stay with Blackbird's
     * writers, which it never gives up on: their serializers are Jackson's own.
     */
    static SimpleModule module() {
        return new SimpleModule("bookworm-record-accessors").setSerializerModifier(new RecordAccessors());
    }

    @Override
    public List<BeanPropertyWriter> changeProperties(
            SerializationConfig config, BeanDescription bean, List<BeanPropertyWriter> properties) {
        if (!bean.getBeanClass().isRecord()) {
            return properties;
        }
        var changed = new ArrayList<BeanPropertyWriter>(properties.size());
        for (BeanPropertyWriter property : properties) {
            @Nullable Function<Object, Object> accessor = accessor(bean.getBeanClass(), property);
            changed.add(accessor == null ? property : new Writer(property, accessor));
        }
        return changed;
    }

    /** A generated accessor of a public component of an object type, or null to leave the property as it is. */
    private static @Nullable Function<Object, Object> accessor(Class<?> type, BeanPropertyWriter property) {
        Class<?> valueType = property.getType().getRawClass();
        if (!(property.getMember() instanceof AnnotatedMethod method)
                || valueType.isPrimitive()
                || valueType == String.class
                || Collection.class.isAssignableFrom(valueType) // Jackson's own serializers: Blackbird keeps these
                || Map.class.isAssignableFrom(valueType)
                || property.isUnwrapping()) {
            return null;
        }
        try {
            // a fresh lookup of the public method: never one whose access checks Jackson has switched off
            Method getter = type.getMethod(method.getName());
            MethodHandle handle = LOOKUP.unreflect(getter);
            @SuppressWarnings("unchecked")
            var accessor = (Function<Object, Object>) LambdaMetafactory.metafactory(
                            LOOKUP,
                            "apply",
                            MethodType.methodType(Function.class),
                            MethodType.methodType(Object.class, Object.class),
                            handle,
                            MethodType.methodType(getter.getReturnType(), type))
                    .getTarget()
                    .invokeExact();
            return accessor;
        } catch (Throwable notAccessible) { // a non-public record or component keeps Jackson's own writer
            return null;
        }
    }

    /** {@link BeanPropertyWriter} with the component read by a generated accessor on the common paths. */
    static final class Writer extends BeanPropertyWriter {
        private static final long serialVersionUID = 1L;
        private final transient Function<Object, Object> accessor;

        Writer(BeanPropertyWriter base, Function<Object, Object> accessor) {
            super(base);
            this.accessor = accessor;
        }

        @Override
        public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
            Object value = accessor.apply(bean);
            if (_suppressableValue != null || _typeSerializer != null || value == bean) {
                super.serializeAsField(bean, gen, provider); // inclusion rules, polymorphism, cycles: Jackson's
                return;
            }
            if (value == null) {
                if (_nullSerializer != null) {
                    gen.writeFieldName(_name);
                    _nullSerializer.serialize(null, gen, provider);
                }
                return;
            }
            JsonSerializer<Object> serializer = _serializer;
            if (serializer == null) {
                PropertySerializerMap dynamic = _dynamicSerializers;
                serializer = dynamic.serializerFor(value.getClass());
                if (serializer == null) {
                    serializer = _findAndAddDynamic(dynamic, value.getClass(), provider);
                }
            }
            gen.writeFieldName(_name);
            serializer.serialize(value, gen, provider);
        }
    }
}
