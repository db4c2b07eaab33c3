package io.ferrymq.client.network;

import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.DecodedRequest;
import io.ferrymq.common.protocol.RequestHeader;
import io.ferrymq.common.protocol.UnsupportedApiException;
import io.ferrymq.common.protocol.WireCodec;
import io.ferrymq.common.protocol.kryo.KryoCodec;
import io.ferrymq.common.protocol.ErrorResponse;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A tiny broker stand-in on 127.0.0.1 and a free port: frames and decodes requests with the real
 * pipeline pieces, asks a responder for each answer (empty = no answer) and writes it back with
 * {@link FrameWriter}. The responder runs on the I/O thread before the request's record buffers are
 * released. Thread-safe; close it in {@code @AfterEach}.
 */
final class TestBroker implements AutoCloseable {

    private final WireCodec codec = new KryoCodec();
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Set<Channel> clients = ConcurrentHashMap.newKeySet();
    private final List<RequestHeader> received = new CopyOnWriteArrayList<>();
    private final Function<DecodedRequest, Optional<ApiResponse>> responder;

    TestBroker(Function<DecodedRequest, Optional<ApiResponse>> responder) {
        this.responder = responder;
        NettyTransport transport = NettyTransport.best();
        this.group = transport.newEventLoopGroup(1, "test-broker");
        this.serverChannel = new ServerBootstrap().group(group).channel(transport.serverSocketChannelClass())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        clients.add(channel);
                        channel.pipeline().addLast(new FrameDecoder(64 * 1024 * 1024), new Dispatcher());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    BrokerAddress address() {
        return new BrokerAddress("127.0.0.1", port());
    }

    List<RequestHeader> received() {
        return received;
    }

    /** Connections the server side has accepted so far (a client's connect can complete before this). */
    int acceptedConnections() {
        return clients.size();
    }

    void closeClientConnections() {
        clients.forEach(channel -> channel.close().syncUninterruptibly());
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        closeClientConnections();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Dispatcher extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ByteBuf frame = (ByteBuf) message;
            try (DecodedRequest request = codec.decodeRequest(frame)) {
                received.add(request.header());
                responder.apply(request).ifPresent(response -> FrameWriter.write(ctx.channel(), codec.encodeResponse(
                        request.header().correlationId(), request.header().apiKey(), request.header().apiVersion(),
                        response, ctx.alloc())));
            } catch (UnsupportedApiException e) {
                FrameWriter.write(ctx.channel(), codec.encodeErrorResponse(e.correlationId(),
                        new ErrorResponse(e.error(), e.getMessage()), ctx.alloc()));
            } finally {
                frame.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
