package io.ferrymq.broker.group;

import java.util.List;
import java.util.Objects;

/**
 * A JoinGroup as the state machine sees it. {@code memberId} is empty on a member's first join.
 * Immutable and thread-safe.
 */
public record JoinRequest(String memberId, String clientId, String clientHost, int sessionTimeoutMs,
                          int rebalanceTimeoutMs, String protocolType, List<ProtocolMetadata> protocols) {

    public JoinRequest {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientHost, "clientHost");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
    }
}
