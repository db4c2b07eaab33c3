package io.ferrymq.broker.kafka.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.group.Group;
import io.ferrymq.broker.group.GroupConfig;
import io.ferrymq.broker.group.JoinRequest;
import io.ferrymq.broker.group.JoinResult;
import io.ferrymq.broker.group.ProtocolMetadata;
import io.ferrymq.broker.group.SyncResult;
import io.ferrymq.client.consumer.internals.group.Assignment;
import io.ferrymq.client.consumer.internals.group.ConsumerProtocol;
import io.ferrymq.client.consumer.internals.group.RangeAssignor;
import io.ferrymq.client.consumer.internals.group.Subscription;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.JoinGroupRequest;
import io.ferrymq.common.protocol.requests.SyncGroupRequest;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.junit.jupiter.api.Test;

/**
 * One group on Ferry's coordinator with a Kafka consumer (its JoinGroup and SyncGroup as the Kafka
 * listener translates them, its subscription and assignment in Kafka's own {@code ConsumerProtocol}
 * bytes) and a Ferry consumer (its client's bytes): they agree on the {@code range} protocol, and
 * whichever is elected leader assigns both, each member reading its share with its own decoder.
 */
class MixedGroupCoordinatorTest {

    private static final String TOPIC = "orders";
    private static final int PARTITIONS = 5;

    private final Group group = new Group("mixed", 0, new GroupConfig(1_000, 60_000, 0),
            Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC), (id, generation) -> { });
    private final JoinGroupApi joinApi = new JoinGroupApi();
    private final SyncGroupApi syncApi = new SyncGroupApi();

    @Test
    void kafkaLeaderAssignsTheFerryMemberWithKafkasRangeAssignor() {
        String kafka = memberId(kafkaJoin(""));
        String ferry = memberId(ferryJoin(""));
        CompletableFuture<JoinResult> kafkaJoined = group.join(kafkaJoin(kafka));
        CompletableFuture<JoinResult> ferryJoined = group.join(ferryJoin(ferry));

        JoinResult leader = kafkaJoined.join();
        assertThat(leader.error()).isEqualTo(ErrorCode.NONE);
        assertThat(leader.protocolName()).isEqualTo("range");
        assertThat(leader.leaderId()).isEqualTo(kafka);
        assertThat(group.subscribedTopics()).containsExactly(TOPIC);

        Map<String, ConsumerPartitionAssignor.Subscription> subscriptions = new HashMap<>();
        leader.members().forEach(m -> subscriptions.put(m.memberId(),
                org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeSubscription(
                        ByteBuffer.wrap(m.metadata()))));
        Map<String, List<TopicPartition>> assigned = new org.apache.kafka.clients.consumer.RangeAssignor()
                .assign(Map.of(TOPIC, PARTITIONS), subscriptions);
        List<SyncGroupRequestData.SyncGroupRequestAssignment> assignments = new ArrayList<>();
        assigned.forEach((member, partitions) -> assignments.add(new SyncGroupRequestData.SyncGroupRequestAssignment()
                .setMemberId(member).setAssignment(bytes(org.apache.kafka.clients.consumer.internals.ConsumerProtocol
                        .serializeAssignment(new ConsumerPartitionAssignor.Assignment(partitions))))));

        CompletableFuture<SyncResult> ferrySynced = sync(ferry, ferryJoined.join().generationId(), Map.of());
        SyncResult kafkaSynced = kafkaSync(kafka, leader.generationId(), assignments).join();

        List<Integer> ferryPartitions = ConsumerProtocol.decodeAssignment(ferrySynced.join().assignment())
                .partitions().stream().map(io.ferrymq.common.TopicPartition::partition).toList();
        List<Integer> kafkaPartitions = org.apache.kafka.clients.consumer.internals.ConsumerProtocol
                .deserializeAssignment(ByteBuffer.wrap(kafkaSynced.assignment())).partitions().stream()
                .map(TopicPartition::partition).toList();
        assertThat(ferryPartitions).isEqualTo(assigned.get(ferry).stream().map(TopicPartition::partition).toList());
        assertEverythingAssignedOnce(ferryPartitions, kafkaPartitions);
    }

    @Test
    void ferryLeaderAssignsTheKafkaMemberWithFerrysRangeAssignor() {
        String ferry = memberId(ferryJoin(""));
        String kafka = memberId(kafkaJoin(""));
        CompletableFuture<JoinResult> ferryJoined = group.join(ferryJoin(ferry));
        CompletableFuture<JoinResult> kafkaJoined = group.join(kafkaJoin(kafka));

        JoinResult leader = ferryJoined.join();
        assertThat(leader.leaderId()).isEqualTo(ferry);
        assertThat(leader.protocolName()).isEqualTo("range");

        Map<String, Subscription> subscriptions = new HashMap<>();
        leader.members().forEach(m -> subscriptions.put(m.memberId(), ConsumerProtocol.decodeSubscription(m.metadata())));
        assertThat(subscriptions.get(kafka).topics()).containsExactly(TOPIC);
        Map<String, Assignment> assigned = new RangeAssignor().assign(Map.of(TOPIC, PARTITIONS), subscriptions);
        Map<String, byte[]> encoded = new HashMap<>();
        assigned.forEach((member, assignment) -> encoded.put(member, ConsumerProtocol.encodeAssignment(assignment)));

        CompletableFuture<SyncResult> kafkaSynced = kafkaSync(kafka, kafkaJoined.join().generationId(), List.of());
        SyncResult ferrySynced = sync(ferry, leader.generationId(), encoded).join();

        List<Integer> kafkaPartitions = org.apache.kafka.clients.consumer.internals.ConsumerProtocol
                .deserializeAssignment(ByteBuffer.wrap(kafkaSynced.join().assignment())).partitions().stream()
                .map(TopicPartition::partition).toList();
        List<Integer> ferryPartitions = ConsumerProtocol.decodeAssignment(ferrySynced.assignment()).partitions().stream()
                .map(io.ferrymq.common.TopicPartition::partition).toList();
        assertThat(kafkaPartitions).isEqualTo(assigned.get(kafka).partitions().stream()
                .map(io.ferrymq.common.TopicPartition::partition).toList());
        assertEverythingAssignedOnce(ferryPartitions, kafkaPartitions);
    }

    /** A Kafka 3.9 consumer's JoinGroup v9 with its default assignors, range and cooperative-sticky. */
    private JoinRequest kafkaJoin(String memberId) {
        byte[] subscription = bytes(org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(
                new ConsumerPartitionAssignor.Subscription(List.of(TOPIC))));
        JoinGroupRequestData.JoinGroupRequestProtocolCollection protocols =
                new JoinGroupRequestData.JoinGroupRequestProtocolCollection();
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range").setMetadata(subscription));
        protocols.add(new JoinGroupRequestData.JoinGroupRequestProtocol().setName("cooperative-sticky")
                .setMetadata(subscription));
        JoinGroupRequestData request = new JoinGroupRequestData().setGroupId("mixed").setSessionTimeoutMs(10_000)
                .setRebalanceTimeoutMs(30_000).setMemberId(memberId).setProtocolType("consumer").setProtocols(protocols);
        JoinGroupRequest ferry = (JoinGroupRequest) joinApi.toFerry(request, (short) 9);
        return toJoin(ferry, "kafka-consumer");
    }

    /** Ferry's client's JoinGroup, as its GroupJoiner builds it with the default assignor. */
    private static JoinRequest ferryJoin(String memberId) {
        byte[] subscription = ConsumerProtocol.encodeSubscription(new Subscription(List.of(TOPIC)));
        return toJoin(new JoinGroupRequest("mixed", 10_000, 30_000, memberId, ConsumerProtocol.PROTOCOL_TYPE,
                List.of(new JoinGroupRequest.Protocol(RangeAssignor.NAME, subscription))), "ferry-consumer");
    }

    /** What the JoinGroup handler hands the coordinator. */
    private static JoinRequest toJoin(JoinGroupRequest request, String clientId) {
        return new JoinRequest(request.memberId(), clientId, "/127.0.0.1", request.sessionTimeoutMs(),
                request.rebalanceTimeoutMs(), request.protocolType(), request.protocols().stream()
                        .map(p -> new ProtocolMetadata(p.name(), p.metadata())).toList(),
                request.requireKnownMemberId());
    }

    private String memberId(JoinRequest firstJoin) {
        JoinResult result = group.join(firstJoin).join();
        assertThat(result.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        return result.memberId();
    }

    private CompletableFuture<SyncResult> kafkaSync(String memberId, int generation,
                                                    List<SyncGroupRequestData.SyncGroupRequestAssignment> assignments) {
        SyncGroupRequest ferry = (SyncGroupRequest) syncApi.toFerry(new SyncGroupRequestData().setGroupId("mixed")
                .setGenerationId(generation).setMemberId(memberId).setProtocolType("consumer").setProtocolName("range")
                .setAssignments(assignments), (short) 5);
        Map<String, byte[]> byMember = new HashMap<>();
        ferry.assignments().forEach(a -> byMember.put(a.memberId(), a.assignment()));
        return sync(ferry.memberId(), ferry.generationId(), byMember);
    }

    private CompletableFuture<SyncResult> sync(String memberId, int generation, Map<String, byte[]> assignments) {
        return group.sync(memberId, generation, assignments);
    }

    private static void assertEverythingAssignedOnce(List<Integer> ferry, List<Integer> kafka) {
        assertThat(ferry).isNotEmpty();
        assertThat(kafka).isNotEmpty();
        List<Integer> all = new ArrayList<>(ferry);
        all.addAll(kafka);
        assertThat(all).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
