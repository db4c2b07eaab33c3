package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.Broker;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse.TopicResult;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CreateTopics with an explicit replica assignment against one real broker (id 1) on an embedded
 * ZooKeeper, over a raw socket: a good assignment is created as given, bad ones are refused per
 * topic with a message and create nothing, and {@code validateOnly} applies the same checks.
 */
class CreateTopicsIT {

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;
    private RawClient client;
    private final AtomicInteger correlation = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = SingleBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of());
        client = new RawClient(broker.boundAddress());
    }

    @AfterEach
    void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    @Test
    void explicitAssignmentIsCreatedAsGivenAndLedByItsFirstReplica() throws IOException {
        TopicResult result = create(TopicSpec.withAssignment("pinned", Map.of(0, List.of(1), 1, List.of(1), 2,
                List.of(1)), Map.of("retention.ms", "60000")), false);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(metadata("pinned").partitions()).hasSize(3).allSatisfy(p -> {
                    assertThat(p.replicas()).containsExactly(1);
                    assertThat(p.leaderId()).isEqualTo(1);
                }));
    }

    @Test
    void badAssignmentsAreRefusedPerTopicWithAMessageAndCreateNothing() throws IOException {
        TopicResult unknown = create(TopicSpec.withAssignment("bad", Map.of(0, List.of(1), 1, List.of(2)), Map.of()), false);
        assertThat(unknown.error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
        assertThat(unknown.errorMessage()).contains("unknown broker(s) [2]").contains("registered brokers are [1]");
        TopicResult gap = create(TopicSpec.withAssignment("bad", Map.of(0, List.of(1), 2, List.of(1)), Map.of()), false);
        assertThat(gap.error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
        assertThat(gap.errorMessage()).contains("without gaps");
        TopicResult mixed = create(new TopicSpec("bad", 2, (short) -1, Map.of(), Map.of(0, List.of(1))), false);
        assertThat(mixed.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(mixed.errorMessage()).contains("must both be -1");

        assertThat(metadata("bad").error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void validateOnlyChecksTheAssignmentAndCreatesNothing() throws IOException {
        TopicResult refused = create(TopicSpec.withAssignment("checked", Map.of(0, List.of(1, 1)), Map.of()), true);
        assertThat(refused.error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
        assertThat(refused.errorMessage()).contains("more than once");
        TopicResult accepted = create(TopicSpec.withAssignment("checked", Map.of(0, List.of(1), 1, List.of(1)), Map.of()), true);
        assertThat(accepted.error()).isEqualTo(ErrorCode.NONE);
        assertThat(accepted.numPartitions()).isEqualTo(2);

        assertThat(metadata("checked").error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    private TopicResult create(TopicSpec spec, boolean validateOnly) throws IOException {
        client.send(new CreateTopicsRequest(List.of(spec), 10_000, validateOnly), correlation.incrementAndGet());
        return ((CreateTopicsResponse) client.read(ApiKey.CREATE_TOPICS).body()).topics().get(0);
    }

    private MetadataResponse.TopicMetadata metadata(String topic) throws IOException {
        client.send(MetadataRequest.forTopics(List.of(topic), false), correlation.incrementAndGet());
        return ((MetadataResponse) client.read(ApiKey.METADATA).body()).topics().get(0);
    }
}
