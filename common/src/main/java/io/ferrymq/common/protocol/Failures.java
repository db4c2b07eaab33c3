package io.ferrymq.common.protocol;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The part of turning a failure into an {@link ErrorCode} that every module shares: the exception
 * behind future wrappers, and the reason an {@link ApiException} gives without the code name its
 * message starts with. Each side then maps what is left once: the broker in its {@code ErrorMapper},
 * the client in {@code ErrorMapping}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Failures {

    private Failures() {
    }

    /** The failure without {@link CompletionException}/{@link ExecutionException} wrappers (any depth). */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** What went wrong, as the thrower put it: the message without the leading {@code "CODE: "}. */
    public static String reason(ApiException exception) {
        String message = exception.getMessage();
        String prefix = exception.error().name() + ": ";
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
