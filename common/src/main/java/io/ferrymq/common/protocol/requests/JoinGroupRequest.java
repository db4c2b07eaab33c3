package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Join (or rejoin) a group. {@code memberId} is {@link #UNKNOWN_MEMBER_ID} on the first join; the
 * member lists the protocols (assignor names) it supports with opaque metadata for each, in order
 * of preference. With {@code requireKnownMemberId} (Ferry's client; Kafka's from JoinGroup v4, KIP-394)
 * a first join is answered MEMBER_ID_REQUIRED with the new id, and the member joins by rejoining with
 * it; without (JoinGroup v0-3) the first join adds the member at once. Immutable (metadata arrays must
 * not be modified after construction).
 */
public record JoinGroupRequest(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
        String protocolType, List<Protocol> protocols, boolean requireKnownMemberId) implements ApiRequest {

    public static final String UNKNOWN_MEMBER_ID = "";

    public JoinGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
    }

    /** A join that requires a known member id, as Ferry's client sends it. */
    public JoinGroupRequest(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
            String protocolType, List<Protocol> protocols) {
        this(groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, protocolType, protocols, true);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.JOIN_GROUP;
    }

    /** One supported protocol; equality compares the metadata bytes. */
    public record Protocol(String name, byte[] metadata) {
        public Protocol {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(metadata, "metadata");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Protocol that && name.equals(that.name) && Arrays.equals(metadata, that.metadata);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(metadata);
        }

        @Override
        public String toString() {
            return "Protocol[name=" + name + ", metadata=" + metadata.length + " bytes]";
        }
    }
}
