package io.ferrymq.broker.config;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.Validator;
import java.util.List;
import java.util.Locale;

/**
 * One listener of the broker in Kafka's form {@code PLAINTEXT://host:port}. An empty host
 * ({@code PLAINTEXT://:9092}) binds every interface; port 0 asks the operating system for a free
 * port (the bound port is then reported by the server). Only the {@code PLAINTEXT} security
 * protocol exists in Ferry.
 *
 * <p>Immutable and thread-safe.
 */
public record Endpoint(String securityProtocol, String host, int port) {

    static final String EXAMPLE = "PLAINTEXT://127.0.0.1:9092";
    private static final String SEPARATOR = "://";

    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
    }

    /** Parses one listener given as the value of configuration {@code key}. */
    public static Endpoint parse(String key, String text) {
        int schemeEnd = text.indexOf(SEPARATOR);
        int portStart = text.lastIndexOf(':');
        if (schemeEnd <= 0 || portStart < schemeEnd + SEPARATOR.length()) {
            throw ConfigException.invalid(key, text, "expected PROTOCOL://host:port, e.g. " + EXAMPLE);
        }
        String protocol = text.substring(0, schemeEnd).toUpperCase(Locale.ROOT);
        if (!protocol.equals("PLAINTEXT")) {
            throw ConfigException.invalid(key, text, "the only supported security protocol is PLAINTEXT");
        }
        String host = stripBrackets(text.substring(schemeEnd + SEPARATOR.length(), portStart));
        try {
            int port = Integer.parseInt(text.substring(portStart + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Endpoint(protocol, host, port);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, text, "the port must be a number from 0 to 65535");
        }
    }

    /** A validator of listener lists in this form; {@code allowEmpty} says whether no listener is allowed. */
    public static Validator listeners(boolean allowEmpty) {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                List<?> items = (List<?>) value;
                if (items.isEmpty() && !allowEmpty) {
                    throw ConfigException.invalid(key, value, "at least one listener is required, e.g. " + EXAMPLE);
                }
                items.forEach(item -> parse(key, String.valueOf(item)));
            }

            @Override
            public String describe() {
                return "comma-separated list of PLAINTEXT://host:port";
            }
        };
    }

    /** The host to bind: the given one, or all interfaces when the host is empty. */
    public String bindHost() {
        return host.isEmpty() ? "0.0.0.0" : host;
    }

    /** This endpoint with another port (used to advertise the port actually bound for port 0). */
    public Endpoint withPort(int newPort) {
        return new Endpoint(securityProtocol, host, newPort);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return securityProtocol + SEPARATOR + shownHost + ":" + port;
    }
}
