package io.ferrymq.broker.group;

import java.util.List;
import java.util.Objects;

/**
 * A JoinGroup as the state machine sees it. {@code memberId} is empty on a member's first join; then
 * {@code requireKnownMemberId} (KIP-394) answers MEMBER_ID_REQUIRED with a new id instead of adding
 * the member at once. Immutable and thread-safe.
 */
public record JoinRequest(String memberId, String clientId, String clientHost, int sessionTimeoutMs,
                          int rebalanceTimeoutMs, String protocolType, List<ProtocolMetadata> protocols,
                          boolean requireKnownMemberId) {

    public JoinRequest {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientHost, "clientHost");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
    }

    /** A join requiring a known member id (Ferry's client, Kafka's JoinGroup v4+). */
    public JoinRequest(String memberId, String clientId, String clientHost, int sessionTimeoutMs,
                       int rebalanceTimeoutMs, String protocolType, List<ProtocolMetadata> protocols) {
        this(memberId, clientId, clientHost, sessionTimeoutMs, rebalanceTimeoutMs, protocolType, protocols, true);
    }

    JoinRequest withMemberId(String newMemberId) {
        return new JoinRequest(newMemberId, clientId, clientHost, sessionTimeoutMs, rebalanceTimeoutMs, protocolType,
                protocols, requireKnownMemberId);
    }
}
