package io.ferrymq.client.consumer.internals.group;

import static io.ferrymq.client.consumer.internals.group.RangeAssignorTest.tp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerProtocolTest {

    @Test
    void subscriptionRoundTrips() {
        Subscription subscription = new Subscription(List.of("orders", "päyments"), List.of(tp("orders", 3)));
        assertThat(ConsumerProtocol.decodeSubscription(ConsumerProtocol.encodeSubscription(subscription)))
                .isEqualTo(subscription);
    }

    @Test
    void assignmentRoundTripsAndEmptyBytesMeanNoPartitions() {
        Assignment assignment = new Assignment(List.of(tp("a", 0), tp("b", 7)));
        assertThat(ConsumerProtocol.decodeAssignment(ConsumerProtocol.encodeAssignment(assignment)))
                .isEqualTo(assignment);
        assertThat(ConsumerProtocol.decodeAssignment(new byte[0]).partitions()).isEmpty();
    }

    @Test
    void versionZeroSubscriptionHasNoOwnedPartitionsAndItsUserDataIsSkipped() {
        byte[] v0 = ByteBuffer.allocate(2 + 4 + 2 + 1 + 4 + 3).putShort((short) 0).putInt(1)
                .putShort((short) 1).put((byte) 't').putInt(3).put(new byte[] {9, 9, 9}).array();
        assertThat(ConsumerProtocol.decodeSubscription(v0)).isEqualTo(new Subscription(List.of("t")));
    }

    @Test
    void newerVersionIsReadAsTheHighestKnownIgnoringTrailingFields() {
        byte[] known = ConsumerProtocol.encodeAssignment(new Assignment(List.of(tp("a", 0), tp("a", 2))));
        byte[] newer = ByteBuffer.allocate(known.length + 8).put(known).putLong(42L).array();
        newer[1] = 7;
        assertThat(ConsumerProtocol.decodeAssignment(newer).partitions()).containsExactly(tp("a", 0), tp("a", 2));
    }

    @Test
    void lyingCountIsRefusedBeforeAllocating() {
        byte[] bytes = ByteBuffer.allocate(6).putShort((short) 0).putInt(Integer.MAX_VALUE).array();
        assertThatThrownBy(() -> ConsumerProtocol.decodeSubscription(bytes))
                .isInstanceOf(GroupProtocolException.class)
                .hasMessageContaining("count 2147483647");
    }

    @Test
    void cutBytesAreRefused() {
        byte[] full = ConsumerProtocol.encodeAssignment(new Assignment(List.of(tp("topic", 1))));
        byte[] cut = Arrays.copyOf(full, full.length - 2);
        assertThatThrownBy(() -> ConsumerProtocol.decodeAssignment(cut))
                .isInstanceOf(GroupProtocolException.class)
                .hasMessageContaining("cut short");
    }

    @Test
    void assignorsAreChosenByShortOrKafkaName() {
        assertThat(PartitionAssignors.fromConfig("roundrobin, org.apache.kafka.clients.consumer.RangeAssignor"))
                .extracting(PartitionAssignor::name).containsExactly("roundrobin", "range");
        assertThatThrownBy(() -> PartitionAssignors.fromConfig("sticky"))
                .hasMessageContaining("unknown assignor 'sticky'");
    }
}
