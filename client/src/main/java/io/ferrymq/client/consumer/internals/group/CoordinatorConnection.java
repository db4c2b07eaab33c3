package io.ferrymq.client.consumer.internals.group;

import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.BrokerConnection;
import io.ferrymq.client.network.ConnectionPool;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.FindCoordinatorRequest;
import io.ferrymq.common.protocol.responses.FindCoordinatorResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's link to its group coordinator: finds it with FindCoordinator (asking the bootstrap
 * brokers in turn, backing off on COORDINATOR_NOT_AVAILABLE), sends requests to it over the shared
 * {@link ConnectionPool}, and forgets it on a network error or when told it moved
 * ({@link #markUnknown}). Every call is bounded by a deadline.
 *
 * <p>Thread-safe: the poll thread and the heartbeat thread share it.
 */
final class CoordinatorConnection {

    private static final Logger log = LoggerFactory.getLogger(CoordinatorConnection.class);

    private final GroupMemberConfig config;
    private final ConnectionPool pool;
    private volatile Optional<BrokerNode> coordinator = Optional.empty();
    private int nextBootstrap;

    CoordinatorConnection(GroupMemberConfig config, ConnectionPool pool) {
        this.config = config;
        this.pool = pool;
    }

    /** Sends to the coordinator (finding it first if needed) and waits for the response until {@code deadlineNanos}. */
    <R extends ApiResponse> R send(ApiRequest request, Class<R> type, long deadlineNanos) {
        return send(request, type, deadlineNanos, config.requestTimeoutMs());
    }

    /** As {@link #send(ApiRequest, Class, long)} with a request timeout (JoinGroup waits for a whole rebalance). */
    <R extends ApiResponse> R send(ApiRequest request, Class<R> type, long deadlineNanos, long requestTimeoutMs) {
        BrokerNode node = ensureCoordinator(deadlineNanos);
        try {
            BrokerConnection connection = await(pool.connection(node), deadlineNanos);
            long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
            Duration timeout = Duration.ofMillis(Math.min(remainingMs, requestTimeoutMs));
            return type.cast(await(connection.send(request, timeout), deadlineNanos));
        } catch (RuntimeException e) {
            if (!(e instanceof ApiException api) || api.isRetriable()) {
                markUnknown("sending " + request.apiKey() + " failed: " + e.getMessage());
            }
            throw e;
        }
    }

    BrokerNode ensureCoordinator(long deadlineNanos) {
        Optional<BrokerNode> known = coordinator;
        if (known.isPresent()) {
            return known.get();
        }
        RuntimeException last = null;
        while (System.nanoTime() < deadlineNanos) {
            BrokerAddress address = nextBootstrap();
            try {
                FindCoordinatorResponse.Coordinator response = ((FindCoordinatorResponse) await(pool.connection(address)
                        .thenCompose(c -> c.send(FindCoordinatorRequest.forGroup(config.groupId()))), deadlineNanos))
                        .coordinatorOf(config.groupId());
                if (response.error() == ErrorCode.NONE && response.node().isPresent()) {
                    coordinator = response.node();
                    log.info("Group {}: coordinator is broker {}", config.groupId(), response.node().get());
                    return response.node().get();
                }
                last = response.error().exception(response.errorMessage());
            } catch (RuntimeException e) {
                last = e;
                pool.disconnect(address);
            }
            Backoff.sleep(config.retryBackoffMs(), deadlineNanos);
        }
        throw new TimeoutException("Could not find the coordinator of group " + config.groupId()
                + (last == null ? "" : ": " + last.getMessage()));
    }

    void markUnknown(String reason) {
        Optional<BrokerNode> previous = coordinator;
        coordinator = Optional.empty();
        previous.ifPresent(node -> {
            log.info("Group {}: forgetting coordinator {} ({})", config.groupId(), node, reason);
            pool.disconnect(new BrokerAddress(node.host(), node.port()));
        });
    }

    private synchronized BrokerAddress nextBootstrap() {
        List<BrokerAddress> bootstrap = config.bootstrap();
        BrokerAddress address = bootstrap.get(nextBootstrap % bootstrap.size());
        nextBootstrap++;
        return address;
    }

    /** Waits for a future until the deadline; unwraps failures into unchecked exceptions. */
    static <T> T await(CompletableFuture<T> future, long deadlineNanos) {
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            return future.get(remaining, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(false);
            throw new TimeoutException("No response before the deadline");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.ferrymq.client.common.errors.InterruptException("interrupted while waiting for the group coordinator", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
    }
}
