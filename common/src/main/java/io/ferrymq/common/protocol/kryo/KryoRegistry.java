package io.ferrymq.common.protocol.kryo;

import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.util.Pool;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ErrorResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one registry of classes that may appear as a Kryo body on Ferry's wire, with fixed ids:
 * request of API key {@code k} is {@code 1000 + 2k}, its response {@code 1001 + 2k}, and
 * {@link ErrorResponse} is 999. Ids never change; a new API gets the ids its key implies.
 * Registration is required, so a sender can never make the receiver instantiate anything else.
 * Nested types are not registered: they are written by their declared types (see {@link RecordCodec}).
 *
 * <p>Kryo instances are not thread-safe; {@link #borrow()} / {@link #release(WireKryo)} hand them out
 * from a thread-safe pool. This class is thread-safe.
 */
public final class KryoRegistry {

    static final int ERROR_RESPONSE_ID = 999;
    private static final int FIRST_MESSAGE_ID = 1000;
    private static final int POOL_SIZE = 64;

    private static final Map<Class<?>, Integer> IDS = buildIds();

    private final Pool<WireKryo> pool = new Pool<>(true, false, POOL_SIZE) {
        @Override
        protected WireKryo create() {
            return newKryo();
        }
    };

    /**
     * A registry with one instance ready in its pool: building an instance loads every message class
     * and builds their codecs, work that would otherwise delay a client's first request.
     */
    public KryoRegistry() {
        pool.free(newKryo());
    }

    /** Every registered class and its id, in id order. */
    public static Map<Class<?>, Integer> registrations() {
        return IDS;
    }

    static int requestId(ApiKey key) {
        return FIRST_MESSAGE_ID + 2 * key.id();
    }

    static int responseId(ApiKey key) {
        return FIRST_MESSAGE_ID + 2 * key.id() + 1;
    }

    WireKryo borrow() {
        return pool.obtain();
    }

    void release(WireKryo kryo) {
        kryo.resetScratch();
        pool.free(kryo);
    }

    /** Runs {@code work} with a pooled instance. */
    <T> T withKryo(Function<WireKryo, T> work) {
        WireKryo kryo = borrow();
        try {
            return work.apply(kryo);
        } finally {
            release(kryo);
        }
    }

    static WireKryo newKryo() {
        WireKryo kryo = new WireKryo();
        IDS.forEach((type, id) -> register(kryo, type, id));
        return kryo;
    }

    private static <T> void register(WireKryo kryo, Class<T> type, int id) {
        Registration registration = kryo.register(type, new WireRecordSerializer<>(type), id);
        if (registration.getId() != id) {
            throw new IllegalStateException("Kryo gave " + type.getName() + " id " + registration.getId() + ", not " + id);
        }
    }

    private static Map<Class<?>, Integer> buildIds() {
        Map<Class<?>, Integer> ids = new LinkedHashMap<>();
        ids.put(ErrorResponse.class, ERROR_RESPONSE_ID);
        for (ApiKey key : ApiKey.values()) {
            ids.put(MessageTypes.request(key), requestId(key));
            ids.put(MessageTypes.response(key), responseId(key));
        }
        return Collections.unmodifiableMap(ids);
    }
}
