package io.ferrymq.client.common.internals;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** Small helpers around {@link RequestChannel}. Stateless and thread-safe. */
public final class Requests {

    private Requests() {
    }

    /** Sends, turning an exception thrown by the channel into a failed future. */
    public static CompletableFuture<ApiResponse> send(RequestChannel channel, InetSocketAddress target,
                                                      ApiRequest request) {
        try {
            return channel.send(target, request);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public static InetSocketAddress address(io.ferrymq.common.Node node) {
        return InetSocketAddress.createUnresolved(node.host(), node.port());
    }
}
