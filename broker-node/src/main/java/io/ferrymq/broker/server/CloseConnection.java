package io.ferrymq.broker.server;

import io.ferrymq.common.protocol.ApiResponse;

/**
 * What the {@link RequestDispatcher} gives back for a request that expects no response (acks=0
 * produce) and failed: no response is written, and the connection is closed once every earlier
 * response has been, as Kafka's broker does. The client notices the disconnect and refreshes its
 * metadata, instead of sending on, unanswered, to a broker that is no longer the leader.
 *
 * @param reason why, for the log
 */
public record CloseConnection(String reason) implements ApiResponse {
}
