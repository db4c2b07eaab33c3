package io.ferrymq.broker.group;

import io.ferrymq.client.consumer.internals.group.ConsumerProtocol;
import io.ferrymq.client.consumer.internals.group.GroupProtocolException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a {@link Group}: its identity, timeouts, supported protocols, current assignment,
 * last heartbeat and the JoinGroup/SyncGroup responses it is waiting for.
 *
 * <p>Not thread-safe: only touched under its group's lock.
 */
final class Member {

    final String memberId;
    String clientId;
    String clientHost;
    int sessionTimeoutMs;
    int rebalanceTimeoutMs;
    List<ProtocolMetadata> protocols;
    byte[] assignment = new byte[0];
    long lastHeartbeatMs;
    Optional<CompletableFuture<JoinResult>> awaitingJoin = Optional.empty();
    Optional<CompletableFuture<SyncResult>> awaitingSync = Optional.empty();

    Member(String memberId, JoinRequest request, long nowMs) {
        this.memberId = memberId;
        update(request, nowMs);
    }

    void update(JoinRequest request, long nowMs) {
        clientId = request.clientId();
        clientHost = request.clientHost();
        sessionTimeoutMs = request.sessionTimeoutMs();
        rebalanceTimeoutMs = request.rebalanceTimeoutMs();
        protocols = request.protocols();
        lastHeartbeatMs = nowMs;
    }

    /** Whether the request names the same protocols with the same metadata, in the same order. */
    boolean hasSameProtocols(JoinRequest request) {
        if (request.protocols().size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < protocols.size(); i++) {
            ProtocolMetadata mine = protocols.get(i);
            ProtocolMetadata theirs = request.protocols().get(i);
            if (!mine.name().equals(theirs.name()) || !Arrays.equals(mine.metadata(), theirs.metadata())) {
                return false;
            }
        }
        return true;
    }

    byte[] metadata(String protocol) {
        return protocols.stream().filter(p -> p.name().equals(protocol)).findFirst()
                .map(ProtocolMetadata::metadata).orElse(new byte[0]);
    }

    /** The first of this member's protocols (its preference order) found in {@code candidates}. */
    Optional<String> vote(Set<String> candidates) {
        return protocols.stream().map(ProtocolMetadata::name).filter(candidates::contains).findFirst();
    }

    /** Topics in this member's consumer subscription for {@code protocol}; empty when not decodable. */
    List<String> subscribedTopics(String protocolType, String protocol) {
        if (!ConsumerProtocol.PROTOCOL_TYPE.equals(protocolType)) {
            return List.of();
        }
        try {
            return ConsumerProtocol.decodeSubscription(metadata(protocol)).topics();
        } catch (GroupProtocolException e) {
            return List.of();
        }
    }

    /** Session expiry does not apply while the coordinator holds a response for the member. */
    boolean isSessionExpired(long nowMs) {
        return awaitingJoin.isEmpty() && awaitingSync.isEmpty() && nowMs >= lastHeartbeatMs + sessionTimeoutMs;
    }
}
