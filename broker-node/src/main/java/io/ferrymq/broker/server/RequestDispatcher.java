package io.ferrymq.broker.server;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ErrorResponse;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes decoded requests to the {@link RequestHandler} of their API key on the request executor,
 * and turns every failure into that API's error response through {@link ErrorMapper}. The response
 * future it returns never completes exceptionally; it holds {@link Optional#empty()} when the
 * client expects no response (acks=0), or {@link CloseConnection} when such a request failed. Beside it comes the future of the moment the request's
 * effect is applied ({@link OrderingPoint}), which the connection's {@link RequestSequencer} waits
 * for before it starts the next request. With an {@link AccessControl}, each request is authorized
 * first (see there): a refused request answers its handler's error response without running it.
 *
 * <p>Immutable after construction; thread-safe.
 */
public final class RequestDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final Map<ApiKey, RequestHandler<?>> handlers = new EnumMap<>(ApiKey.class);
    private final Executor executor;
    private final RequestObserver observer;
    private final Optional<AccessControl> accessControl;

    public RequestDispatcher(Collection<? extends RequestHandler<?>> handlers, Executor executor) {
        this(handlers, executor, RequestObserver.NONE);
    }

    public RequestDispatcher(Collection<? extends RequestHandler<?>> handlers, Executor executor,
                             RequestObserver observer) {
        this(handlers, executor, observer, Optional.empty());
    }

    /** With {@code accessControl} present, every request is authorized before its handler runs. */
    public RequestDispatcher(Collection<? extends RequestHandler<?>> handlers, Executor executor,
                             RequestObserver observer, Optional<AccessControl> accessControl) {
        for (RequestHandler<?> handler : handlers) {
            if (this.handlers.put(handler.apiKey(), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + handler.apiKey());
            }
        }
        this.executor = executor;
        this.observer = observer;
        this.accessControl = accessControl;
    }

    /** The API keys this broker serves. */
    public Set<ApiKey> supportedApis() {
        return Collections.unmodifiableSet(handlers.keySet());
    }

    public boolean isSupported(ApiKey apiKey) {
        return handlers.containsKey(apiKey);
    }

    /** The response to a request whose API key or version this broker does not serve. */
    public static ApiResponse unsupported(short apiKeyId, short apiVersion) {
        Optional<ApiKey> key = ApiKey.forId(apiKeyId);
        if (key.isEmpty()) {
            return new ErrorResponse(ErrorCode.UNKNOWN_API_KEY, "unknown API key " + apiKeyId);
        }
        return new ErrorResponse(ErrorCode.UNSUPPORTED_VERSION, key.get() + " version " + apiVersion
                + " is not supported; supported versions are " + key.get().minVersion() + ".."
                + key.get().maxVersion());
    }

    /** Serves {@code request} on the request executor; see the class comment. */
    public Dispatch dispatch(RequestContext context, ApiRequest request) {
        RequestHandler<?> handler = handlers.get(request.apiKey());
        if (handler == null) {
            return Dispatch.done(new ErrorResponse(ErrorCode.UNKNOWN_API_KEY,
                    request.apiKey() + " is not served by this broker"));
        }
        long received = System.nanoTime();
        long[] started = {received};
        CompletableFuture<CompletableFuture<Optional<ApiResponse>>> returned;
        try {
            returned = CompletableFuture.supplyAsync(() -> {
                started[0] = System.nanoTime();
                return serve(handler, context, request);
            }, executor);
        } catch (RejectedExecutionException e) {
            returned = CompletableFuture.completedFuture(
                    CompletableFuture.completedFuture(Optional.of(errorResponse(handler, request, e))));
        }
        CompletableFuture<Optional<ApiResponse>> response = returned.thenCompose(future -> future)
                .whenComplete((result, ignored) -> observe(context, request, received, started[0], result));
        return new Dispatch(applied(request.apiKey(), returned, response), response);
    }

    private static CompletableFuture<?> applied(ApiKey key, CompletableFuture<?> returned,
                                                CompletableFuture<?> response) {
        return switch (OrderingPoint.of(key)) {
            case DISPATCH -> CompletableFuture.completedFuture(null);
            case HANDLER_RETURNED -> returned;
            case RESPONSE_READY -> response;
        };
    }

    private void observe(RequestContext context, ApiRequest request, long received, long started,
                         Optional<ApiResponse> response) {
        try {
            long now = System.nanoTime();
            observer.onCompleted(context, request, started - received, now - received,
                    response == null ? Optional.empty() : response);
        } catch (RuntimeException e) {
            log.warn("Request observer failed for {}", context, e);
        }
    }

    @SuppressWarnings("unchecked")
    private <Q extends ApiRequest> CompletableFuture<Optional<ApiResponse>> serve(
            RequestHandler<Q> handler, RequestContext context, ApiRequest request) {
        Q typed = (Q) request;
        boolean expectsResponse = handler.expectsResponse(typed);
        CompletableFuture<? extends ApiResponse> result;
        try {
            result = authorizedHandle(handler, context, typed);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((response, failure) -> {
            if (!expectsResponse) {
                if (failure != null || handler.reportsFailure(response)) {
                    String reason = failure != null ? failure.toString() : String.valueOf(response);
                    return Optional.of(new CloseConnection(context + " failed without a response to send: " + reason));
                }
                return Optional.empty();
            }
            return Optional.of(failure == null ? response : errorResponse(handler, typed, failure));
        });
    }

    /** The handler's answer to what {@link AccessControl} admits of {@code request} (all of it when off). */
    @SuppressWarnings("unchecked")
    private <Q extends ApiRequest> CompletableFuture<? extends ApiResponse> authorizedHandle(
            RequestHandler<Q> handler, RequestContext context, Q request) {
        if (accessControl.isEmpty()) {
            return handler.handle(context, request);
        }
        Admission admission = accessControl.get().admit(context, request);
        if (admission instanceof Admission.Refused refused) {
            return CompletableFuture.completedFuture(handler.errorResponse(request, refused.error(), refused.message()));
        }
        Admission.Admitted admitted = (Admission.Admitted) admission;
        return handler.handle(context, (Q) admitted.request()).thenApply(admitted.amend());
    }

    @SuppressWarnings("unchecked")
    private static <Q extends ApiRequest> ApiResponse errorResponse(RequestHandler<Q> handler, ApiRequest request,
                                                                    Throwable failure) {
        ApiError error = ErrorMapper.toApiError(failure);
        return handler.errorResponse((Q) request, error.error(), error.message());
    }

    /**
     * A dispatched request: {@code applied} completes at the request's {@link OrderingPoint} (for
     * a read, at once), after which the next request of its connection may start; {@code response}
     * is the response as described in the class comment.
     */
    public record Dispatch(CompletableFuture<?> applied, CompletableFuture<Optional<ApiResponse>> response) {

        static Dispatch done(ApiResponse response) {
            return new Dispatch(CompletableFuture.completedFuture(null),
                    CompletableFuture.completedFuture(Optional.of(response)));
        }
    }
}
