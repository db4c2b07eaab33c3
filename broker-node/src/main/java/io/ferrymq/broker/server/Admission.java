package io.ferrymq.broker.server;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import java.util.function.UnaryOperator;

/**
 * What {@link AccessControl} lets through of a request: all or part of it (the denied topics
 * taken out, and put back into the response as errors by {@code amend}), or nothing.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface Admission {

    /** The handler serves {@code request}; its response then passes through {@code amend}. */
    record Admitted(ApiRequest request, UnaryOperator<ApiResponse> amend) implements Admission {

        static Admitted whole(ApiRequest request) {
            return new Admitted(request, UnaryOperator.identity());
        }
    }

    /** The whole request is refused: every part of it answers {@code error}. */
    record Refused(ErrorCode error, String message) implements Admission {
    }
}
