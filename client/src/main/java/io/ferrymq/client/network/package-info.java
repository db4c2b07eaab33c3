/**
 * Netty plumbing shared by the broker and the clients: {@link io.ferrymq.client.network.FrameDecoder}
 * and {@link io.ferrymq.client.network.FrameWriter} for both pipelines,
 * {@link io.ferrymq.client.network.NettyTransport} (epoll or NIO), and the client side:
 * {@link io.ferrymq.client.network.NetworkClient} (one event loop per client instance),
 * {@link io.ferrymq.client.network.BrokerConnection} (one socket, futures matched by correlation id)
 * and {@link io.ferrymq.client.network.ConnectionPool} (one live connection per broker address).
 * Callers never touch sockets: they encode on their own thread and the I/O thread writes.
 */
package io.ferrymq.client.network;
