package io.ferrymq.broker.kafka.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.client.consumer.internals.group.Assignment;
import io.ferrymq.client.consumer.internals.group.ConsumerProtocol;
import io.ferrymq.client.consumer.internals.group.Subscription;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ferry's hand-written consumer protocol against Kafka's own {@code ConsumerProtocol}: what one writes
 * the other reads, at every version Kafka knows, so either kind of member can lead a mixed group.
 */
class KafkaConsumerProtocolCompatibilityTest {

    @Test
    void kafkaReadsFerrysSubscription() {
        byte[] ferry = ConsumerProtocol.encodeSubscription(new Subscription(List.of("orders", "päyments"),
                List.of(ferryTp("orders", 3), ferryTp("päyments", 0), ferryTp("orders", 1))));

        ConsumerPartitionAssignor.Subscription kafka =
                org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeSubscription(ByteBuffer.wrap(ferry));

        assertThat(kafka.topics()).containsExactly("orders", "päyments");
        assertThat(kafka.ownedPartitions()).containsExactlyInAnyOrder(
                new TopicPartition("orders", 3), new TopicPartition("orders", 1), new TopicPartition("päyments", 0));
        assertThat(kafka.userData()).isNull();
        assertThat(kafka.generationId()).isEmpty();
        assertThat(kafka.rackId()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3})
    void ferryReadsKafkasSubscriptionAtEveryVersion(short version) {
        ConsumerPartitionAssignor.Subscription kafka = new ConsumerPartitionAssignor.Subscription(
                List.of("t1", "t2"), ByteBuffer.wrap("user".getBytes(StandardCharsets.UTF_8)),
                List.of(new TopicPartition("t1", 0), new TopicPartition("t1", 2), new TopicPartition("t2", 5)),
                7, Optional.of("rack-a"));
        ByteBuffer bytes = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeSubscription(kafka, version);

        Subscription ferry = ConsumerProtocol.decodeSubscription(toArray(bytes));

        assertThat(ferry.topics()).containsExactly("t1", "t2");
        assertThat(ferry.ownedPartitions()).isEqualTo(version == 0 ? List.of()
                : List.of(ferryTp("t1", 0), ferryTp("t1", 2), ferryTp("t2", 5)));
    }

    @Test
    void kafkaReadsFerrysAssignment() {
        byte[] ferry = ConsumerProtocol.encodeAssignment(new Assignment(
                List.of(ferryTp("a", 0), ferryTp("b", 7), ferryTp("a", 4))));

        ConsumerPartitionAssignor.Assignment kafka =
                org.apache.kafka.clients.consumer.internals.ConsumerProtocol.deserializeAssignment(ByteBuffer.wrap(ferry));

        assertThat(kafka.partitions()).containsExactly(
                new TopicPartition("a", 0), new TopicPartition("a", 4), new TopicPartition("b", 7));
        assertThat(kafka.userData()).isNull();
    }

    @ParameterizedTest
    @ValueSource(shorts = {0, 1, 2, 3})
    void ferryReadsKafkasAssignmentAtEveryVersion(short version) {
        ConsumerPartitionAssignor.Assignment kafka = new ConsumerPartitionAssignor.Assignment(
                List.of(new TopicPartition("a", 1), new TopicPartition("a", 0), new TopicPartition("c", 9)),
                ByteBuffer.wrap(new byte[] {1, 2, 3}));
        ByteBuffer bytes = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeAssignment(kafka, version);

        Assignment ferry = ConsumerProtocol.decodeAssignment(toArray(bytes));

        assertThat(ferry.partitions()).containsExactly(ferryTp("a", 1), ferryTp("a", 0), ferryTp("c", 9));
    }

    @Test
    void emptyAssignmentsAgree() {
        byte[] ferry = ConsumerProtocol.encodeAssignment(new Assignment(List.of()));
        assertThat(org.apache.kafka.clients.consumer.internals.ConsumerProtocol
                .deserializeAssignment(ByteBuffer.wrap(ferry)).partitions()).isEmpty();
        ByteBuffer kafka = org.apache.kafka.clients.consumer.internals.ConsumerProtocol.serializeAssignment(
                new ConsumerPartitionAssignor.Assignment(List.of()));
        assertThat(ConsumerProtocol.decodeAssignment(toArray(kafka)).partitions()).isEmpty();
    }

    private static io.ferrymq.common.TopicPartition ferryTp(String topic, int partition) {
        return new io.ferrymq.common.TopicPartition(topic, partition);
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
