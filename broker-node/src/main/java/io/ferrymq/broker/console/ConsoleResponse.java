package io.ferrymq.broker.console;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One answer of the console: HTTP status, content type, body and, after a login or logout, the
 * {@code Set-Cookie} value. Immutable (the body is not copied).
 */
public record ConsoleResponse(int status, String contentType, byte[] body, Optional<String> setCookie) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    public ConsoleResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Optional.empty());
    }

    static ConsoleResponse json(int status, String body) {
        return new ConsoleResponse(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleResponse text(int status, String body) {
        return new ConsoleResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }

    ConsoleResponse withCookie(String cookie) {
        return new ConsoleResponse(status, contentType, body, Optional.of(cookie));
    }
}
