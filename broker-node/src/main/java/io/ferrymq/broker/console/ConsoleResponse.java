package io.ferrymq.broker.console;

import java.nio.charset.StandardCharsets;

/** One answer of the console: HTTP status, content type and body. Immutable (the body is not copied). */
public record ConsoleResponse(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static ConsoleResponse json(int status, String body) {
        return new ConsoleResponse(status, JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleResponse text(int status, String body) {
        return new ConsoleResponse(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }
}
