package io.ferrymq.broker.server;

import io.ferrymq.broker.config.Endpoint;
import io.ferrymq.client.network.FrameDecoder;
import io.ferrymq.common.protocol.WireCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's Netty server: one acceptor thread and {@code num.network.threads} I/O threads
 * serving every listener. Each connection's pipeline is: for a TLS listener the {@code SslHandler},
 * idle timeout, the protocol's {@link FrameDecoder} (a length prefix over
 * {@code socket.request.max.bytes}, or negative, closes the connection before anything that size is
 * allocated), for a SASL listener its {@link Authenticator}'s handler, then a
 * {@link ConnectionHandler} that knows its listener's name; {@link ListenerSecurity} adds the
 * security handlers. Port 0 binds a free port;
 * {@link #boundAddresses()} reports what was bound. The NIO transport is used on purpose: its socket
 * is a real {@code SocketChannel}, so {@link SliceFileRegion}'s {@code FileChannel.transferTo} becomes
 * {@code sendfile} (epoll's channel wrapper would make the JDK copy through a buffer).
 *
 * <p>Lifecycle: {@link #start}, then {@link #stopAccepting} (closes listeners, stops reading
 * requests, waits for in-flight ones), then {@link #close} (closes connections, joins threads).
 * Thread-safe.
 */
public final class SocketServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketServer.class);

    private final ServerSettings settings;
    private final List<ListenerSecurity> security;
    private final Function<String, ServerCodec> codecs;
    private final RequestDispatcher dispatcher;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final EventLoopGroup acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("ferry-acceptor", true));
    private final EventLoopGroup workers;
    private final ChannelGroup connections = new DefaultChannelGroup("ferry-connections", GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new ArrayList<>();
    private final List<InetSocketAddress> bound = new ArrayList<>();

    /** A server whose listeners are all {@code PLAINTEXT} and speak {@code codec}'s protocol. */
    public SocketServer(ServerSettings settings, WireCodec codec, RequestDispatcher dispatcher) {
        this(settings, settings.listeners().stream().map(ListenerSecurity::plaintext).toList(), codec, dispatcher);
    }

    /** A server whose listeners are secured by {@code security} and all speak {@code codec}'s protocol. */
    public SocketServer(ServerSettings settings, List<ListenerSecurity> security, WireCodec codec,
                        RequestDispatcher dispatcher) {
        this(settings, security, constant(ServerCodec.ferry(codec)), dispatcher);
    }

    /**
     * A server whose listeners are secured by {@code security}, one per listener in the order of the
     * settings, each speaking the protocol of {@code codecs.apply(listenerName)}.
     */
    public SocketServer(ServerSettings settings, List<ListenerSecurity> security, Function<String, ServerCodec> codecs,
                        RequestDispatcher dispatcher) {
        if (!security.stream().map(ListenerSecurity::listener).toList().equals(settings.listeners())) {
            throw new IllegalArgumentException("one ListenerSecurity per listener, in order: " + settings.listeners());
        }
        this.settings = settings;
        this.security = List.copyOf(security);
        this.codecs = codecs;
        this.dispatcher = dispatcher;
        this.workers = new NioEventLoopGroup(settings.networkThreads(), new DefaultThreadFactory("ferry-network", true));
    }

    /** Binds every listener; throws {@link ServerStartException} naming the address that failed. */
    public synchronized void start() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true);
        if (settings.sendBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes());
        }
        if (settings.receiveBufferBytes() > 0) {
            bootstrap.childOption(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes());
        }
        for (ListenerSecurity listener : security) {
            Endpoint endpoint = listener.listener();
            InetSocketAddress address = new InetSocketAddress(endpoint.bindHost(), endpoint.port());
            try {
                Channel channel = bootstrap.clone().childHandler(new Initializer(listener)).bind(address).sync().channel();
                listeners.add(channel);
                bound.add((InetSocketAddress) channel.localAddress());
                log.info("Listening for {} requests on {} (listener {})", endpoint.securityProtocol(),
                        channel.localAddress(), endpoint.listenerName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerStartException("interrupted while binding " + endpoint, e);
            } catch (RuntimeException e) {
                throw new ServerStartException("cannot listen on " + endpoint + ": " + e.getMessage(), e);
            }
        }
    }

    /** The addresses actually bound, in listener order (real ports when port 0 was asked for). */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** Requests read and not yet answered, over all connections. */
    public int inFlightRequests() {
        return inFlight.count();
    }

    /**
     * Closes the listeners, stops reading requests on every connection and waits up to
     * {@code timeout} for the requests already read to be answered. Returns whether all were.
     */
    public boolean stopAccepting(Duration timeout) {
        synchronized (this) {
            listeners.forEach(channel -> channel.close().syncUninterruptibly());
            listeners.clear();
        }
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> {
                ConnectionHandler handler = connection.pipeline().get(ConnectionHandler.class);
                if (handler != null) {
                    handler.stopReading(connection.pipeline().context(handler));
                }
            });
        }
        try {
            boolean drained = inFlight.awaitNone(timeout);
            if (!drained) {
                log.warn("{} requests still in flight after {} ms", inFlight.count(), timeout.toMillis());
            }
            return drained;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Closes every connection and joins the network threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            listeners.forEach(Channel::close);
            listeners.clear();
        }
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static Function<String, ServerCodec> constant(ServerCodec codec) {
        return listenerName -> codec;
    }

    private final class Initializer extends ChannelInitializer<SocketChannel> {
        private final ListenerSecurity listener;
        private final ServerCodec codec;

        Initializer(ListenerSecurity listener) {
            this.listener = listener;
            this.codec = Objects.requireNonNull(codecs.apply(listener.listener().listenerName()),
                    () -> "no codec for listener " + listener.listener().listenerName());
        }

        @Override
        protected void initChannel(SocketChannel channel) {
            connections.add(channel);
            ChannelPipeline pipeline = channel.pipeline();
            long idleMs = settings.connectionsMaxIdle().toMillis();
            pipeline.addLast("idle", new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS));
            pipeline.addLast("frames", new FrameDecoder(settings.maxRequestBytes()));
            pipeline.addLast("requests", new ConnectionHandler(codec, dispatcher, inFlight,
                    settings.maxInFlightPerConnection(), channel.eventLoop(), listener.listener().listenerName()));
            listener.install(pipeline);
        }
    }
}
