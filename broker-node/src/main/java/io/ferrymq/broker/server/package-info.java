/**
 * The broker's request path: the Netty {@link io.ferrymq.broker.server.SocketServer}, one
 * {@link io.ferrymq.broker.server.ConnectionHandler} per connection, the
 * {@link io.ferrymq.broker.server.RequestDispatcher} and the handlers in {@code server.handler}
 * (one class per API key).
 *
 * <h2>Threads</h2>
 * One acceptor thread ({@code ferry-acceptor}), {@code num.network.threads} NIO event loops
 * ({@code ferry-network-*}) that only decode frames and write responses, and {@code num.io.threads}
 * request threads ({@code ferry-request-*}, {@link io.ferrymq.broker.server.RequestExecutor}) that
 * run handlers. Handlers never block a request thread on a wait: long-poll fetches and acks=all
 * produces return futures completed by the replica manager's purgatories. On a 2-core machine
 * {@code num.network.threads=1..2} and {@code num.io.threads=2..4} are plenty.
 *
 * <h2>Ordering and back-pressure</h2>
 * Requests of one connection take effect in the order they were sent, as under Kafka's muted
 * channel, but behind barriers rather than one at a time: a request's handler starts only once
 * every earlier request of its connection has reached its ordering point
 * ({@link io.ferrymq.broker.server.OrderingPoint}, which classifies every API key), the moment its
 * effect is applied. The {@link io.ferrymq.broker.server.RequestSequencer} (one per connection, on
 * its event loop) enforces this; the {@link io.ferrymq.broker.server.RequestDispatcher} tells it
 * when each request reached its point:
 * <ul>
 *   <li>reads (Fetch, ListOffsets, OffsetsForLeaderEpoch, ApiVersions, DescribeCluster,
 *       FindCoordinator, OffsetFetch, DescribeGroups, ListGroups): at dispatch, so they hold
 *       nothing up, not even a long-polling fetch;</li>
 *   <li>Produce and Metadata: when {@code handle} returned, since {@code ProduceHandler} appends to
 *       the log (and {@code MetadataHandler} auto-creates a topic) before returning; the acks=all
 *       wait is not part of it, so pipelined produces still wait for replication together;</li>
 *   <li>every other write (OffsetCommit, JoinGroup, SyncGroup, Heartbeat, LeaveGroup, DeleteGroups,
 *       CreateTopics, DeleteTopics, CreatePartitions): when the handler's future completed, i.e.
 *       its ZooKeeper or group-state change is done.</li>
 * </ul>
 * Pipelined offset commits therefore never move the committed offset backwards, and pipelined
 * produces are appended in request order ({@code ConnectionOrderingIT}). Order holds per
 * connection only; requests on different connections still run concurrently.
 *
 * <p>Every request read from a connection gets a sequence number; responses are written strictly in
 * that order through a small reorder map, whatever order handlers finish in. acks=0 produces
 * occupy a sequence slot that writes nothing. A connection with {@code socket.max.inflight.requests}
 * unanswered requests (started or waiting at a barrier) is not read (frames already decoded wait),
 * nor is one whose socket is not writable, so a client that pipelines without reading cannot grow
 * the broker's memory beyond about {@code socket.max.inflight.requests x socket.request.max.bytes}.
 *
 * <h2>Bad input</h2>
 * A length prefix that is negative or above {@code socket.request.max.bytes} closes the connection
 * as soon as its four bytes arrive, before any allocation of that size (the protocol's
 * {@code FrameDecoder}); a frame the codec cannot parse closes that connection only; an unknown API
 * key or unsupported version is answered with an {@code ErrorResponse} (UNKNOWN_API_KEY /
 * UNSUPPORTED_VERSION) and the connection stays. Record batches are validated by the log's append
 * (CRC, sizes, {@code message.max.bytes}) before anything is written; failures are per partition.
 * Exceptions become error codes only in {@link io.ferrymq.broker.errors.ErrorMapper}; stack traces
 * are logged, never sent.
 *
 * <h2>Zero-copy fetch</h2>
 * Fetch responses carry the log's file slices; {@link io.ferrymq.broker.server.FrameWriter} sends
 * them as {@link io.ferrymq.broker.server.SliceFileRegion}s, which use {@code FileChannel.transferTo}
 * (sendfile on the NIO transport) and never close the segment's shared channel.
 *
 * <h2>Shutdown</h2>
 * {@code Broker.close()} first runs the controlled shutdown while the server still serves (followers
 * must keep fetching to catch up before leaderships move), then
 * {@link io.ferrymq.broker.server.SocketServer#stopAccepting} closes the listeners, stops reading
 * and waits (bounded) for requests already read to be answered, then everything else closes.
 */
package io.ferrymq.broker.server;
