package io.ferrymq.client.network;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport for this machine: native epoll when it loads (Linux), else NIO. Event loop
 * threads are daemon threads named {@code <prefix>-<n>}. Shared by the broker's server and the
 * clients. Stateless and thread-safe.
 */
public enum NettyTransport {
    EPOLL,
    NIO;

    /** Epoll when available, unless the system property {@code ferry.netty.nio} is {@code true}. */
    public static NettyTransport best() {
        return !Boolean.getBoolean("ferry.netty.nio") && Epoll.isAvailable() ? EPOLL : NIO;
    }

    public EventLoopGroup newEventLoopGroup(int threads, String threadNamePrefix) {
        if (threads <= 0) {
            throw new IllegalArgumentException("event loop threads must be > 0, was " + threads);
        }
        DefaultThreadFactory factory = new DefaultThreadFactory(threadNamePrefix, true);
        return this == EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerSocketChannel> serverSocketChannelClass() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
