package io.ferrymq.broker.security;

import java.util.Objects;

/**
 * Who sent a request, in Kafka's form {@code Type:name} (e.g. {@code User:alice}). A connection's
 * principal is fixed once it is authenticated: from the SASL username, from the TLS client
 * certificate's distinguished name, or {@link #ANONYMOUS} on a listener that authenticates nobody.
 * Authorization (ACLs, {@code super.users}) matches on it.
 *
 * <p>Immutable and thread-safe.
 */
public record Principal(String type, String name) {

    public static final String USER_TYPE = "User";
    /** The principal of every connection that did not authenticate, as Kafka's. */
    public static final Principal ANONYMOUS = new Principal(USER_TYPE, "ANONYMOUS");

    public Principal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        if (type.isEmpty() || type.contains(":")) {
            throw new IllegalArgumentException("principal type must be non-empty and contain no ':', was '" + type + "'");
        }
    }

    /** A {@code User:} principal. */
    public static Principal user(String name) {
        return new Principal(USER_TYPE, name);
    }

    /** Parses {@code Type:name}; the name may itself contain ':'. */
    public static Principal parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected a principal as Type:name (e.g. User:alice), was '" + text + "'");
        }
        return new Principal(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return type + ":" + name;
    }
}
