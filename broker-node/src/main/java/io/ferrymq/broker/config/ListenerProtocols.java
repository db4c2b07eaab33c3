package io.ferrymq.broker.config;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.Validator;
import io.ferrymq.common.security.SecurityProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code listener.security.protocol.map}: which {@link SecurityProtocol} each listener name uses,
 * as Kafka's {@code NAME:PROTOCOL} list (e.g. {@code INTERNAL:SSL,EXTERNAL:SASL_SSL}). The default
 * maps every protocol's name to itself. Names are upper-cased; a name given twice is refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class ListenerProtocols {

    /**
     * Kafka's default, each protocol's name a listener name of that protocol, and {@code KAFKA}, the
     * default Kafka-protocol listener ({@code kafka.listener.names}), over PLAINTEXT.
     */
    public static final List<String> DEFAULT = List.of("PLAINTEXT:PLAINTEXT", "SSL:SSL", "SASL_PLAINTEXT:SASL_PLAINTEXT",
            "SASL_SSL:SASL_SSL", "KAFKA:PLAINTEXT");

    private ListenerProtocols() {
    }

    /** Parses the map given as the value of {@code key}. */
    public static Map<String, SecurityProtocol> parse(String key, List<String> entries) {
        Map<String, SecurityProtocol> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw ConfigException.invalid(key, entry, "expected NAME:PROTOCOL, e.g. INTERNAL:SSL");
            }
            String name = entry.substring(0, colon).trim().toUpperCase(Locale.ROOT);
            SecurityProtocol protocol = SecurityProtocol.parse(key, entry.substring(colon + 1));
            if (out.put(name, protocol) != null) {
                throw ConfigException.invalid(key, entry, "each listener name once; " + name + " is mapped twice");
            }
        }
        return Map.copyOf(out);
    }

    /** The validator of {@code listener.security.protocol.map}. */
    public static Validator validator() {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                @SuppressWarnings("unchecked")
                List<String> entries = (List<String>) value;
                parse(key, entries);
            }

            @Override
            public String describe() {
                return "comma-separated NAME:PROTOCOL, protocols " + List.of(SecurityProtocol.names());
            }
        };
    }
}
