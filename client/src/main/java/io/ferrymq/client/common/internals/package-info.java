/**
 * What the clients share to reach brokers: {@link io.ferrymq.client.common.internals.RequestChannel}
 * (one request to a broker, answered by a future) over one Netty I/O thread
 * ({@link io.ferrymq.client.network.NetworkChannel}), cluster metadata and its refresh, and
 * {@link io.ferrymq.client.common.internals.EventQueue}, which hands completions from the network thread
 * to the client's own thread. Client-side failures become error codes in one place,
 * {@link io.ferrymq.client.common.internals.ErrorMapping}.
 */
package io.ferrymq.client.common.internals;
