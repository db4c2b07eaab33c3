package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * Writes a record as its components in declaration order, each with the codec of its declared
 * (generic) type, and reads it back through the canonical constructor, so the record's own checks
 * run on every decoded message. No class ids or field names go on the wire. Immutable and
 * thread-safe.
 */
final class RecordCodec implements ValueCodec {

    private final Class<?> type;
    private final Method[] accessors;
    private final ValueCodec[] codecs;
    private final Constructor<?> constructor;

    RecordCodec(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        this.accessors = new Method[components.length];
        this.codecs = new ValueCodec[components.length];
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            accessors[i] = components[i].getAccessor();
            accessors[i].setAccessible(true);
            codecs[i] = ValueCodecs.forType(components[i].getGenericType());
            parameterTypes[i] = components[i].getType();
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
            this.constructor.setAccessible(true);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("No canonical constructor on " + type.getName(), e);
        }
    }

    @Override
    public void write(WireKryo kryo, Output output, Object value) {
        for (int i = 0; i < accessors.length; i++) {
            codecs[i].write(kryo, output, component(value, i));
        }
    }

    @Override
    public Object read(WireKryo kryo, Input input) {
        Object[] args = new Object[codecs.length];
        for (int i = 0; i < codecs.length; i++) {
            args[i] = codecs[i].read(kryo, input);
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new KryoException("invalid " + type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new KryoException("cannot build " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Object component(Object value, int index) {
        try {
            return accessors[index].invoke(value);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Accessor " + accessors[index] + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Accessor " + accessors[index] + " is not accessible", e);
        }
    }
}
