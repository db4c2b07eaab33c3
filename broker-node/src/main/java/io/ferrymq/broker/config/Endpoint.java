package io.ferrymq.broker.config;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.config.Validator;
import io.ferrymq.common.security.SecurityProtocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One listener of the broker in Kafka's form {@code NAME://host:port}: the listener's name (a
 * security protocol's own name, or a custom one such as {@code INTERNAL} that
 * {@code listener.security.protocol.map} maps to a protocol), its {@link SecurityProtocol}, host
 * and port. An empty host ({@code PLAINTEXT://:9092}) binds every interface; port 0 asks the
 * operating system for a free port (the bound port is then reported by the server). Listener names
 * are upper-cased, as Kafka's.
 *
 * <p>Immutable and thread-safe.
 */
public record Endpoint(String listenerName, SecurityProtocol securityProtocol, String host, int port) {

    static final String EXAMPLE = "PLAINTEXT://127.0.0.1:9092";
    private static final String SEPARATOR = "://";
    private static final Pattern NAME = Pattern.compile("[A-Z0-9_]+");

    public Endpoint {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (!NAME.matcher(listenerName).matches()) {
            throw new IllegalArgumentException("listener name must be letters, digits and '_', was " + listenerName);
        }
    }

    /** A {@code PLAINTEXT} listener named {@code PLAINTEXT}. */
    public static Endpoint plaintext(String host, int port) {
        return new Endpoint(SecurityProtocol.PLAINTEXT.name(), SecurityProtocol.PLAINTEXT, host, port);
    }

    /**
     * Parses one listener given as the value of configuration {@code key}; {@code protocols} maps
     * listener names to their security protocol ({@code listener.security.protocol.map}).
     */
    public static Endpoint parse(String key, String text, Map<String, SecurityProtocol> protocols) {
        Endpoint form = parseForm(key, text);
        SecurityProtocol protocol = protocols.get(form.listenerName());
        if (protocol == null) {
            throw ConfigException.invalid(key, text, "listener " + form.listenerName() + " has no security protocol in "
                    + ServerConfigKeys.LISTENER_SECURITY_PROTOCOL_MAP + " " + protocols.keySet());
        }
        return new Endpoint(form.listenerName(), protocol, form.host(), form.port());
    }

    /** Checks the form {@code NAME://host:port}; the protocol of the result is a placeholder. */
    private static Endpoint parseForm(String key, String text) {
        int schemeEnd = text.indexOf(SEPARATOR);
        int portStart = text.lastIndexOf(':');
        if (schemeEnd <= 0 || portStart < schemeEnd + SEPARATOR.length()) {
            throw ConfigException.invalid(key, text, "expected NAME://host:port, e.g. " + EXAMPLE);
        }
        String name = text.substring(0, schemeEnd).toUpperCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw ConfigException.invalid(key, text, "a listener name is letters, digits and '_'");
        }
        String host = stripBrackets(text.substring(schemeEnd + SEPARATOR.length(), portStart));
        try {
            int port = Integer.parseInt(text.substring(portStart + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Endpoint(name, SecurityProtocol.PLAINTEXT, host, port);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(key, text, "the port must be a number from 0 to 65535");
        }
    }

    /**
     * A validator of the form of listener lists; {@code allowEmpty} says whether no listener is
     * allowed. Names are checked against {@code listener.security.protocol.map} by {@link BrokerConfig}.
     */
    public static Validator listeners(boolean allowEmpty) {
        return new Validator() {
            @Override
            public void ensureValid(String key, Object value) {
                List<?> items = (List<?>) value;
                if (items.isEmpty() && !allowEmpty) {
                    throw ConfigException.invalid(key, value, "at least one listener is required, e.g. " + EXAMPLE);
                }
                items.forEach(item -> parseForm(key, String.valueOf(item)));
            }

            @Override
            public String describe() {
                return "comma-separated list of NAME://host:port";
            }
        };
    }

    /** The host to bind: the given one, or all interfaces when the host is empty. */
    public String bindHost() {
        return host.isEmpty() ? "0.0.0.0" : host;
    }

    /** This endpoint with another port (used to advertise the port actually bound for port 0). */
    public Endpoint withPort(int newPort) {
        return new Endpoint(listenerName, securityProtocol, host, newPort);
    }

    /** This endpoint with another host (used to advertise a concrete host for an empty one). */
    public Endpoint withHost(String newHost) {
        return new Endpoint(listenerName, securityProtocol, newHost, port);
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return listenerName + SEPARATOR + shownHost + ":" + port;
    }
}
