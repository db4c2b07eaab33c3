package io.ferrymq.client.common.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.common.protocol.responses.MetadataResponse.TopicMetadata;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetadataTest {

    private static final long BACKOFF_MS = 100;
    private static final long MAX_AGE_MS = 300_000;

    private final Metadata metadata = new Metadata(List.of(InetSocketAddress.createUnresolved("127.0.0.1", 9092)),
            BACKOFF_MS, MAX_AGE_MS);

    @Test
    void aNewTopicIsLookedUpAtOnceEvenRightAfterAnUpdate() {
        refreshAt(1_000, "a");

        metadata.addTopic("b");

        assertThat(metadata.timeToNextUpdate(1_001)).isZero();
        assertThat(metadata.newRequest(1_001).topics()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aRequestedUpdateOfKnownTopicsWaitsForTheBackoff() {
        refreshAt(1_000, "a");

        metadata.requestUpdate();
        metadata.addTopic("a");

        assertThat(metadata.timeToNextUpdate(1_030)).isEqualTo(70);
        assertThat(metadata.timeToNextUpdate(1_100)).isZero();
    }

    @Test
    void withoutARequestTheNextUpdateIsDueWhenTheSnapshotIsOld() {
        refreshAt(1_000, "a");

        assertThat(metadata.timeToNextUpdate(2_000)).isEqualTo(1_000 + MAX_AGE_MS - 2_000);
    }

    @Test
    void aFailedUpdateBacksOffAndAsksAgain() {
        metadata.addTopic("a");
        metadata.newRequest(1_000);
        metadata.failedUpdate(1_010);

        assertThat(metadata.timeToNextUpdate(1_050)).isEqualTo(60);
        assertThat(metadata.timeToNextUpdate(1_110)).isZero();
    }

    private void refreshAt(long nowMs, String topic) {
        metadata.addTopic(topic);
        metadata.newRequest(nowMs);
        metadata.update(new MetadataResponse(List.of(new BrokerNode(1, "127.0.0.1", 9092, Optional.empty())), "c",
                List.of(new TopicMetadata(ErrorCode.NONE, topic, List.of(new PartitionMetadata(ErrorCode.NONE, 0, 1, 0,
                        List.of(1), List.of(1), List.of()))))), nowMs);
    }
}
