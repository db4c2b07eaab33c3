package io.ferrymq.client.network;

import io.ferrymq.common.protocol.WireCodec;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.ferrymq.common.protocol.Failures;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of one client instance (a producer, consumer, admin client or a broker's
 * follower fetchers): its own Netty event loop ({@link NetworkConfig#ioThreads()} named daemon
 * threads, epoll when available), the wire codec, and the connections it opened. {@link #close()}
 * closes every connection (failing requests in flight with {@link NetworkException}) and joins the
 * I/O threads. Thread-safe.
 */
public final class NetworkClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkClient.class);
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;
    private static final String SSL_HANDLER = "ssl";

    private final NetworkConfig config;
    private final WireCodec codec;
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public NetworkClient(NetworkConfig config) {
        this(config, new KryoCodec());
    }

    public NetworkClient(NetworkConfig config, WireCodec codec) {
        this.config = config;
        this.codec = codec;
        NettyTransport transport = NettyTransport.best();
        this.group = transport.newEventLoopGroup(config.ioThreads(), config.threadNamePrefix());
        this.bootstrap = new Bootstrap().group(group).channel(transport.socketChannelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    /**
     * Opens a new connection, over TLS when {@link NetworkConfig#security()} says so. The future
     * fails with {@link NetworkException} when the broker cannot be reached within the connect
     * timeout, and with {@link TlsHandshakeException} (not retriable) when the TLS handshake fails:
     * an untrusted, expired or wrong-host certificate, or a listener that does not speak TLS. With
     * SASL the connection is authenticated first; a refusal fails the future with a non-retriable
     * {@code SASL_AUTHENTICATION_FAILED} (or {@code UNSUPPORTED_SASL_MECHANISM}) ApiException.
     */
    public CompletableFuture<BrokerConnection> connect(BrokerAddress address) {
        CompletableFuture<BrokerConnection> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new NetworkException("Network client " + config.clientId() + " is closed"));
            return result;
        }
        InFlightRequests inFlight = new InFlightRequests();
        ChannelFuture connecting = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                config.security().tls().ifPresent(tls -> channel.pipeline().addLast(SSL_HANDLER,
                        new SslHandler(tls.newClientEngine(address.host(), address.port()))));
                channel.pipeline().addLast(new FrameDecoder(config.maxResponseBytes()),
                        new ResponseHandler(codec, inFlight, address, config.security().protocol()));
            }
        }).connect(address.host(), address.port());
        connecting.addListener((ChannelFuture done) -> onConnected(done, address, inFlight, result));
        return result;
    }

    /** Completes {@code result} once TLS (if any) is established: a failed handshake fails it with its reason. */
    private void onTcpConnected(Channel channel, BrokerAddress address, InFlightRequests inFlight,
                                CompletableFuture<BrokerConnection> result) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            maybeAuthenticate(new BrokerConnection(channel, address, codec, inFlight, config), result);
            return;
        }
        ssl.handshakeFuture().addListener(handshake -> {
            if (handshake.isSuccess()) {
                maybeAuthenticate(new BrokerConnection(channel, address, codec, inFlight, config), result);
            } else {
                channel.close();
                result.completeExceptionally(new TlsHandshakeException("TLS handshake with " + address + " failed: "
                        + TlsHandshakeException.reason(handshake.cause()), handshake.cause()));
            }
        });
    }

    /** Hands out {@code connection} once SASL (if configured) succeeded; a failure closes it. */
    private void maybeAuthenticate(BrokerConnection connection, CompletableFuture<BrokerConnection> result) {
        if (config.security().sasl().isEmpty()) {
            result.complete(connection);
            return;
        }
        SaslClientAuthenticator.authenticate(connection, config.security().sasl().get()).whenComplete((done, failure) -> {
            if (failure == null) {
                result.complete(done);
            } else {
                connection.close();
                result.completeExceptionally(Failures.unwrap(failure));
            }
        });
    }

    public CompletableFuture<BrokerConnection> connect(String host, int port) {
        return connect(new BrokerAddress(host, port));
    }

    private void onConnected(ChannelFuture done, BrokerAddress address, InFlightRequests inFlight,
            CompletableFuture<BrokerConnection> result) {
        if (!done.isSuccess()) {
            result.completeExceptionally(new NetworkException("Cannot connect to " + address + ": " + done.cause(), done.cause()));
            return;
        }
        Channel channel = done.channel();
        channels.add(channel);
        channel.closeFuture().addListener(f -> channels.remove(channel));
        if (closed) {
            channel.close();
            result.completeExceptionally(new NetworkException("Network client " + config.clientId() + " is closed"));
            return;
        }
        onTcpConnected(channel, address, inFlight, result);
    }

    public NetworkConfig config() {
        return config;
    }

    public WireCodec codec() {
        return codec;
    }

    /** Closes all connections and stops the I/O threads, waiting for them unless called from one of them. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<ChannelFuture> closing = channels.stream().map(Channel::close).toList();
        boolean onIoThread = false;
        for (EventExecutor executor : group) {
            onIoThread |= executor.inEventLoop();
        }
        Future<?> termination = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        if (onIoThread) {
            return;
        }
        closing.forEach(f -> f.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS));
        if (!termination.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS * 2)) {
            LOG.warn("I/O threads of network client {} did not stop within {} ms", config.clientId(), SHUTDOWN_TIMEOUT_MS * 2);
        }
    }
}
