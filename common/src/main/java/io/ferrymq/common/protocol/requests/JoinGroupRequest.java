package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Join (or rejoin) a group. {@code memberId} is {@link #UNKNOWN_MEMBER_ID} on the first join; the
 * member lists the protocols (assignor names) it supports with opaque metadata for each, in order
 * of preference. Immutable (metadata arrays must not be modified after construction).
 */
public record JoinGroupRequest(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
        String protocolType, List<Protocol> protocols) implements ApiRequest {

    public static final String UNKNOWN_MEMBER_ID = "";

    public JoinGroupRequest {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(protocolType, "protocolType");
        protocols = List.copyOf(protocols);
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
