package io.ferrymq.broker.console;

import java.util.Optional;

/**
 * One HTTP request to the console, as much of it as the console reads: method, path, raw query
 * (may be null), the {@code Cookie}, {@code Origin}, {@code Host} and {@value #CSRF_HEADER}
 * headers, the client's IP address and the body. Immutable (the body is not copied).
 */
public record ConsoleRequest(String method, String path, String rawQuery, Optional<String> cookie,
                             Optional<String> origin, Optional<String> host, Optional<String> csrfHeader,
                             String clientHost, byte[] body) {

    /** The header every console {@code POST} carries (its value is not read). */
    public static final String CSRF_HEADER = "X-Ferry-Console";

    /** A {@code GET} with no headers, as the read-only endpoints need. */
    public static ConsoleRequest get(String path, String rawQuery) {
        return new ConsoleRequest("GET", path, rawQuery, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "127.0.0.1", new byte[0]);
    }
}
